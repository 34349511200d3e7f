package io.gradientconnector.partner;

import io.gradientconnector.domain.Secret;

/**
 * The rules a submitted partner API key must meet before Gradient is asked about it. Messages describe the rule and
 * never echo the value.
 */
public final class SubmittedKey {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 512;

    private SubmittedKey() {
    }

    /**
     * The key, surrounding whitespace trimmed (copying from Gradient's UI often adds some).
     *
     * @throws IllegalArgumentException naming the rule that failed
     */
    public static Secret parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("is required");
        }
        String key = raw.strip();
        if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters (surrounding whitespace ignored)");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("must not contain whitespace or control characters");
            }
        }
        return Secret.of(key);
    }
}
