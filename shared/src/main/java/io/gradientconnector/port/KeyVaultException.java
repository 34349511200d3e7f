package io.gradientconnector.port;

/** A secret could not be read or written. Messages name the secret, never its value. */
public final class KeyVaultException extends RuntimeException {
    public KeyVaultException(String message) {
        super(message);
    }

    public KeyVaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
