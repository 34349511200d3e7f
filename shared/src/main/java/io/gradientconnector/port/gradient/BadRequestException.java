package io.gradientconnector.port.gradient;

/** HTTP 400: Gradient rejected the request's shape or values; retrying the same request cannot help. */
public final class BadRequestException extends GradientException {
    public BadRequestException(String route, String gradientMessage) {
        super(400, route, gradientMessage, null, null);
    }
}
