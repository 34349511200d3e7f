package io.gradientconnector.port.gradient;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Root of every failure of a Gradient call: one subtype per meaning, so callers switch on the type
 * instead of on numbers. Each carries the HTTP status ({@code 0} when no response arrived), the route
 * as method plus path template (never a concrete URL, never a header) and Gradient's own message.
 * No key or token ever reaches a message: the client scrubs Gradient's text before building one.
 */
public sealed abstract class GradientException extends RuntimeException
        permits BadRequestException, UnauthorizedException, ForbiddenException, NotFoundException,
                ConflictException, RateLimitedException, ServerErrorException, UnexpectedStatusException,
                GradientConnectionException {

    private final int status;
    private final String route;
    private final String gradientMessage;

    GradientException(int status, String route, String gradientMessage, String detail, Throwable cause) {
        super(describe(status, route, gradientMessage, detail), cause);
        this.status = status;
        this.route = Objects.requireNonNull(route, "route");
        this.gradientMessage = gradientMessage == null ? "" : gradientMessage;
    }

    /** The HTTP status Gradient answered with, or {@code 0} when no response arrived. */
    public int status() {
        return status;
    }

    /** Method and path template, e.g. {@code GET /api/vendor-api/organization/accounts/{accountId}}. */
    public String route() {
        return route;
    }

    /** Gradient's {@code message} (an array is joined with "; "); empty when there was none. */
    public String gradientMessage() {
        return gradientMessage;
    }

    /**
     * Whether repeating the call might succeed: rate limiting, server errors and connection failures
     * the transport marked retryable. Every other 4xx would fail the same way again.
     */
    public boolean retryable() {
        return false;
    }

    /** The one place that turns an HTTP error status into a typed exception. */
    public static GradientException forStatus(int status, String route, String gradientMessage, Optional<Duration> retryAfter) {
        return switch (status) {
            case 400 -> new BadRequestException(route, gradientMessage);
            case 401 -> new UnauthorizedException(route, gradientMessage);
            case 403 -> new ForbiddenException(route, gradientMessage);
            case 404 -> new NotFoundException(route, gradientMessage);
            case 409 -> new ConflictException(route, gradientMessage);
            case 429 -> new RateLimitedException(route, gradientMessage, retryAfter);
            default -> status >= 500 && status <= 599
                    ? new ServerErrorException(status, route, gradientMessage)
                    : new UnexpectedStatusException(status, route, gradientMessage);
        };
    }

    private static String describe(int status, String route, String gradientMessage, String detail) {
        StringBuilder text = new StringBuilder(route);
        if (status > 0) {
            text.append(" -> ").append(status);
        }
        if (gradientMessage != null && !gradientMessage.isEmpty()) {
            text.append(": ").append(gradientMessage);
        }
        if (detail != null && !detail.isEmpty()) {
            text.append(" (").append(detail).append(')');
        }
        return text.toString();
    }
}
