package io.gradientconnector.port;

/**
 * Concurrent writers kept changing the same item for every bounded retry. Nothing of the failed
 * operation was written; retrying later (e.g. a 503 the sender retries) is safe.
 */
public final class StoreConflictException extends RuntimeException {
    public StoreConflictException(String message) {
        super(message);
    }
}
