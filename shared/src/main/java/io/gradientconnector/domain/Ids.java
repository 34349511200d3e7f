package io.gradientconnector.domain;

/** Shared checks for the id records; messages name the field, never echo the value. */
final class Ids {
    private Ids() {
    }

    static String requireText(String value, String field, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
        return requireUnicode(value, field);
    }

    /**
     * Rejects unpaired UTF-16 surrogates (JSON can carry one as an escape such as {@code \ud800}). No UTF-8 encoding
     * holds one, so DynamoDB refuses it; accepted, it would turn a bad request into a store failure on every retry.
     */
    static String requireUnicode(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " must be valid Unicode (it has an unpaired surrogate)");
            }
        }
        return value;
    }
}
