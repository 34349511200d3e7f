package io.gradientconnector.port.gradient;

/** HTTP 404: unknown vendor profile, account, service or message (or a route Gradient does not have). */
public final class NotFoundException extends GradientException {
    public NotFoundException(String route, String gradientMessage) {
        super(404, route, gradientMessage, null, null);
    }
}
