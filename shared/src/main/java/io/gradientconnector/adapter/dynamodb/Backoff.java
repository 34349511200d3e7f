package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.StoreConflictException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * What a store does between attempts that lost to a concurrent writer. Spreading the retries out
 * (full jitter) keeps a hot ledger row from making the same writers collide again and again.
 */
@FunctionalInterface
public interface Backoff {

    /** Called before attempt {@code nextAttempt} (2, 3, ...). */
    void pause(int nextAttempt);

    /** No pause: for fakes and unit tests. */
    static Backoff none() {
        return attempt -> { };
    }

    /** A random pause in [0, min(cap, base * 2^(attempt-2))], really sleeping. */
    static Backoff jittered(Duration base, Duration cap) {
        return jittered(base, cap, null);
    }

    /**
     * As {@link #jittered(Duration, Duration)}, drawing from {@code random} (thread-safe, e.g. {@link java.util.Random})
     * — one the composition root re-seeds after a SnapStart restore — or from {@link ThreadLocalRandom} when null.
     */
    static Backoff jittered(Duration base, Duration cap, RandomGenerator random) {
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        return attempt -> {
            long ceiling = Math.min(capMillis, baseMillis << Math.min(20, Math.max(0, attempt - 2)));
            long millis = (random == null ? ThreadLocalRandom.current() : random).nextLong(ceiling + 1);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreConflictException("interrupted while backing off from a write conflict");
            }
        };
    }

    /** The default for DynamoDB writers: 10 ms doubling, capped at 200 ms. */
    static Backoff standard() {
        return jittered(Duration.ofMillis(10), Duration.ofMillis(200));
    }

    /** {@link #standard()} drawing from {@code random} (thread-safe). */
    static Backoff standard(RandomGenerator random) {
        return jittered(Duration.ofMillis(10), Duration.ofMillis(200), java.util.Objects.requireNonNull(random, "random"));
    }
}
