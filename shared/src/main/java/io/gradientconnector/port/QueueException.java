package io.gradientconnector.port;

/** A queue did not accept a message. The message says how many and why, never the payload. */
public final class QueueException extends RuntimeException {
    public QueueException(String message) {
        super(message);
    }

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
