package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.RateBudget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Token bucket: {@code permitsPerSecond} refill, at most {@code burst} permits banked while idle.
 * {@link #acquire()} reserves the next permit under a lock and then waits outside it through the
 * {@link Sleeper}, so waiting callers are spaced {@code 1/permitsPerSecond} apart in arrival order.
 *
 * <p>With {@code burst = 1} (what {@link GradientClient} uses) any one-second window sees at most
 * {@code permitsPerSecond + 1} permits, which keeps a sliding-window limit of that many per second.
 *
 * <p>A process-local {@link RateBudget} (every scope together): what a client built without a shared budget uses
 * (tests, tools). Deployed functions share one budget across containers instead ({@code lambda.Components}).
 *
 * <p>Thread-safe; meant to be shared by every call of one client.
 */
public final class RateLimiter implements RateBudget {
    private final double intervalNanos;
    private final double maxBanked;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Instant origin;

    // Guarded by this. Times are nanoseconds since origin.
    private double banked;
    private double nextFreeNanos;

    public RateLimiter(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be > 0, was " + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1, was " + burst);
        }
        this.intervalNanos = 1_000_000_000d / permitsPerSecond;
        // One permit is always "free at nextFree"; the bank holds the others.
        this.maxBanked = burst - 1;
        this.banked = maxBanked;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.origin = clock.instant();
        this.nextFreeNanos = 0;
    }

    /** Smooth spacing, no burst beyond one request. */
    public static RateLimiter create(double permitsPerSecond, Clock clock, Sleeper sleeper) {
        return new RateLimiter(permitsPerSecond, 1, clock, sleeper);
    }

    /** Blocks (through the sleeper) until a permit is available; returns how long it waited (zero: no wait). */
    public Duration acquire() throws InterruptedException {
        Duration wait = reserve();
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
        return wait;
    }

    /** Every scope shares this one bucket; a permit is never refused (the deadline is the retry policy's concern). */
    @Override
    public Optional<Duration> acquire(String scope, Duration maxWait) throws InterruptedException {
        return Optional.of(acquire());
    }

    /** Nothing to share: the retry that follows a 429 waits its {@code Retry-After} itself. */
    @Override
    public void backOff(String scope, Duration pause) {
    }

    /** Takes the next permit and says how long the caller must wait before using it. */
    Duration reserve() {
        long waitNanos;
        synchronized (this) {
            double now = Duration.between(origin, clock.instant()).toNanos();
            if (now > nextFreeNanos) {
                banked = Math.min(maxBanked, banked + (now - nextFreeNanos) / intervalNanos);
                nextFreeNanos = now;
            }
            waitNanos = (long) Math.ceil(nextFreeNanos - now);
            double fromBank = Math.min(1, banked);
            banked -= fromBank;
            nextFreeNanos += (1 - fromBank) * intervalNanos;
        }
        return Duration.ofNanos(Math.max(0, waitNanos));
    }
}
