package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When and how long to wait before repeating a failed Gradient call.
 *
 * @param maxAttempts   attempts in total, the first included (1 = never retry)
 * @param baseDelay     delay before the first retry, doubled for each further one
 * @param maxDelay      cap on the exponential delay
 * @param maxRetryAfter cap on a server's {@code Retry-After}
 * @param maxElapsed    no retry starts once this much time has passed since the first attempt
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                          Duration maxElapsed) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        requireNonNegative(baseDelay, "baseDelay");
        requireNonNegative(maxDelay, "maxDelay");
        requireNonNegative(maxRetryAfter, "maxRetryAfter");
        requireNonNegative(maxElapsed, "maxElapsed");
        if (baseDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("baseDelay must not exceed maxDelay");
        }
    }

    /** 4 attempts, 200 ms base, 5 s cap, Retry-After capped at 10 s, 30 s in all. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** Whether repeating the call might succeed: {@link GradientException#retryable()}, the one rule. */
    public static boolean shouldRetry(GradientException failure) {
        return failure.retryable();
    }

    /** Whether another attempt is allowed after {@code attemptsMade} attempts. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The wait before the next attempt. A server's {@code Retry-After} wins, capped at
     * {@link #maxRetryAfter}. Otherwise {@code baseDelay * 2^(attemptsMade-1)}, capped at
     * {@link #maxDelay}, times a jitter factor in [0.5, 1) so that clients that failed together do
     * not retry together.
     *
     * @param attemptsMade attempts so far (1 after the first failure)
     */
    public Duration delayFor(int attemptsMade, Optional<Duration> retryAfter, RandomGenerator random) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade must be >= 1, was " + attemptsMade);
        }
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
        }
        long capNanos = maxDelay.toNanos();
        long exponential = baseDelay.toNanos();
        for (int i = 1; i < attemptsMade && exponential < capNanos; i++) {
            exponential = exponential > capNanos / 2 ? capNanos : exponential * 2;
        }
        exponential = Math.min(exponential, capNanos);
        double jitter = 0.5 + 0.5 * random.nextDouble();
        return Duration.ofNanos((long) (exponential * jitter));
    }

    private static void requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
