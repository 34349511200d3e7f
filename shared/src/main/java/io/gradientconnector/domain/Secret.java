package io.gradientconnector.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secret value (a Gradient key, a signing secret). {@link #toString()} is redacted so a secret
 * that slips into a log line or an exception message shows nothing; {@link #reveal()} is the one
 * explicit way to get the value. Immutable and thread-safe.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("secret must not be blank");
        }
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The plain value: call only where it is sent (an HTTP header, an HMAC key, the vault). */
    public String reveal() {
        return value;
    }

    /**
     * A short, non-reversible fingerprint (first 12 hex digits of SHA-256) that lets people tell two
     * keys apart without seeing either.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Constant-time comparison, so equality checks leak nothing through timing. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately constant: a hash would be a tiny leak and secrets are never map keys
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
