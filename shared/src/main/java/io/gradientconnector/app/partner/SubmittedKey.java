package io.gradientconnector.app.partner;

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
            if (Character.isSurrogate(c) && !pairedSurrogate(key, i)) {
                // No UTF-8 holds it: the key would reach Gradient and the secret store altered.
                throw new IllegalArgumentException("must be valid Unicode (it has an unpaired surrogate)");
            }
        }
        return Secret.of(key);
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
