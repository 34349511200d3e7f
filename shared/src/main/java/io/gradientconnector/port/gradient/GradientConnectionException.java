package io.gradientconnector.port.gradient;

/**
 * No HTTP response: connection refused or reset, a timeout, an unknown host, a deadline that left no
 * time for the call. {@link #retryable()} says whether the same call may succeed if repeated;
 * the message says so too. {@link #status()} is {@code 0}.
 */
public final class GradientConnectionException extends GradientException {
    private final boolean retryable;

    public GradientConnectionException(String route, String reason, boolean retryable, Throwable cause) {
        super(0, route, "", "connection failed: " + reason + (retryable ? "; retryable" : "; not retryable"), cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
