package io.gradientconnector.domain;

/** A webhook whose signature or timestamp does not verify. The message is safe to return to the caller. */
public final class SignatureVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignatureVerificationException(String message) {
        super(message, null, false, false);
    }
}
