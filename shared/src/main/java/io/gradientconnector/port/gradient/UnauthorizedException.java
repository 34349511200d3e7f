package io.gradientconnector.port.gradient;

/** HTTP 401: the key pair is wrong, usually a regenerated or mistyped partner key. Stop and ask for a new key. */
public final class UnauthorizedException extends GradientException {
    public UnauthorizedException(String route, String gradientMessage) {
        super(401, route, gradientMessage, null, null);
    }
}
