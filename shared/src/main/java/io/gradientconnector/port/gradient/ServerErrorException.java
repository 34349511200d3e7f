package io.gradientconnector.port.gradient;

/** HTTP 5xx: Gradient failed; the same request may succeed later. */
public final class ServerErrorException extends GradientException {
    public ServerErrorException(int status, String route, String gradientMessage) {
        super(requireServerError(status), route, gradientMessage, null, null);
    }

    private static int requireServerError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 5xx, was " + status);
        }
        return status;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
