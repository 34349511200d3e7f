package io.gradientconnector.port.gradient;

/**
 * No HTTP response: connection refused or reset, a timeout, an unknown host, a deadline that left no
 * time for the call. {@link #retryable()} says whether the same call may succeed if repeated;
 * the message says so too. {@link #status()} is {@code 0}.
 */
public final class GradientConnectionException extends GradientException {
    private final boolean retryable;
    private final boolean notSent;

    public GradientConnectionException(String route, String reason, boolean retryable, Throwable cause) {
        this(route, reason, retryable, cause, false);
    }

    private GradientConnectionException(String route, String reason, boolean retryable, Throwable cause,
                                        boolean notSent) {
        super(0, route, "", "connection failed: " + reason + (retryable ? "; retryable" : "; not retryable"), cause);
        this.retryable = retryable;
        this.notSent = notSent;
    }

    /**
     * A failure before the request was handed to the network (e.g. the rate budget's store failed or the wait was
     * interrupted): whatever {@code cause} is, {@link #requestNotSent()} is true.
     */
    public static GradientConnectionException beforeSending(String route, String reason, boolean retryable,
                                                           Throwable cause) {
        return new GradientConnectionException(route, reason, retryable, cause, true);
    }

    @Override
    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether the request certainly never reached Gradient: it failed before sending ({@link #beforeSending}), no
     * cause (the deadline left no time to send it), or the
     * connection was never made (refused, unknown host, TLS handshake failed). A timeout, a reset or a closed
     * connection may have come after Gradient received the request, so for those the outcome is unknown (false).
     * Matters for calls that must not be repeated blindly, such as dispatching an alert.
     */
    public boolean requestNotSent() {
        Throwable cause = getCause();
        if (notSent || cause == null) {
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
