package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.RateLimitedException;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decorator that repeats what {@link RetryPolicy#shouldRetry} allows: capped jittered backoff,
 * {@code Retry-After} honoured (capped), never beyond {@code maxAttempts}. No retry starts once
 * {@code maxElapsed} has passed, and nothing (wait, attempt or its timeout) runs past the caller's
 * deadline: if the next wait would reach either limit it throws the last failure instead of sleeping.
 * Thread-safe (the {@link RandomGenerator} given must be, e.g. {@link java.util.Random}).
 */
final class RetryingExecutor implements RequestExecutor {
    private final RequestExecutor delegate;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final System.Logger logger;

    RetryingExecutor(RequestExecutor delegate, RetryPolicy policy, Sleeper sleeper, Clock clock,
                     RandomGenerator random, System.Logger logger) {
        this.delegate = delegate;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        this.logger = logger;
    }

    @Override
    public Transport.Response execute(GradientRequest request, Instant sessionDeadline) {
        // maxElapsed bounds when a retry may start; the session deadline bounds everything, timeouts included.
        Instant elapsedLimit = clock.instant().plus(policy.maxElapsed());
        Instant retryLimit = sessionDeadline != null && sessionDeadline.isBefore(elapsedLimit) ? sessionDeadline : elapsedLimit;
        for (int attempt = 1; ; attempt++) {
            try {
                Transport.Response response = delegate.execute(request, sessionDeadline);
                logger.log(Level.DEBUG, () -> request.route() + " -> " + response.status());
                return response;
            } catch (GradientException failure) {
                if (!RetryPolicy.shouldRetry(failure) || !policy.allowsAnotherAttempt(attempt)) {
                    logger.log(Level.DEBUG, () -> "giving up: " + failure.getMessage());
                    throw failure;
                }
                Duration delay = policy.delayFor(attempt, retryAfter(failure), random);
                if (!clock.instant().plus(delay).isBefore(retryLimit)) {
                    logger.log(Level.INFO, () -> "not retrying, the next wait of " + delay.toMillis()
                            + " ms would pass the deadline or maxElapsed: " + failure.getMessage());
                    throw failure;
                }
                int made = attempt;
                logger.log(Level.INFO, () -> "retrying in " + delay.toMillis() + " ms after attempt " + made + " of "
                        + policy.maxAttempts() + ": " + failure.getMessage());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(interrupted);
                    throw failure;
                }
            }
        }
    }

    private static Optional<Duration> retryAfter(GradientException failure) {
        return failure instanceof RateLimitedException rateLimited ? rateLimited.retryAfter() : Optional.empty();
    }
}
