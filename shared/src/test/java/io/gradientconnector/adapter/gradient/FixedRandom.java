package io.gradientconnector.adapter.gradient;

import java.util.random.RandomGenerator;

/** Jitter source that always draws the same double, so delays are exact. */
final class FixedRandom implements RandomGenerator {
    private final double value;

    FixedRandom(double value) {
        this.value = value;
    }

    @Override
    public double nextDouble() {
        return value;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException();
    }
}
