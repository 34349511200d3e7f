package io.gradientconnector.port.gradient;

/**
 * A status the contract does not describe (a redirect, 405, 422, ...), or a success whose body
 * could not be read as the documented shape.
 */
public final class UnexpectedStatusException extends GradientException {
    public UnexpectedStatusException(int status, String route, String gradientMessage) {
        super(status, route, gradientMessage, null, null);
    }
}
