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

    /**
     * Whether the request certainly never reached Gradient: no cause (the deadline left no time to send it), or the
     * connection was never made (refused, unknown host, TLS handshake failed). A timeout, a reset or a closed
     * connection may have come after Gradient received the request, so for those the outcome is unknown (false).
     * Matters for calls that must not be repeated blindly, such as dispatching an alert.
     */
    public boolean requestNotSent() {
        Throwable cause = getCause();
        if (cause == null) {
            return true;
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof javax.net.ssl.SSLHandshakeException
                    || t instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }
}
