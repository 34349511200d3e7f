package io.gradientconnector.port;

/**
 * The store could not be used: unreachable, throttled past the client's retries, or refusing the call. Unlike
 * {@link StoreConflictException} nothing is known about concurrent writers; whether a write that failed this way
 * landed is unknown, so callers answer "retry later" and rely on the writes being conditional or idempotent.
 * The message names the operation, never stored values.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
