package io.gradientconnector.port.gradient;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** HTTP 429: over Gradient's request rate; carries the server's {@code Retry-After} when it sent one. */
public final class RateLimitedException extends GradientException {
    private final Optional<Duration> retryAfter;

    public RateLimitedException(String route, String gradientMessage, Optional<Duration> retryAfter) {
        super(429, route, gradientMessage,
                retryAfter.map(d -> "retry after " + d.toMillis() + " ms").orElse(null), null);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
