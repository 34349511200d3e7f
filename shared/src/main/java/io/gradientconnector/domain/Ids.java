package io.gradientconnector.domain;

/** Shared checks for the id records and names; messages name the field, never echo the value. */
final class Ids {
    private Ids() {
    }

    /**
     * A free-form id: 1 to {@code maxLength} characters, no control character, valid Unicode, and at most
     * {@link StorageLimits#FREE_FORM_ID_BYTES} bytes once percent-encoded, so every key holding it fits DynamoDB.
     */
    static String requireText(String value, String field, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " characters");
        }
        requireNoControl(value, field, "");
        requireUnicode(value, field);
        if (StorageLimits.encodedBytes(value) > StorageLimits.FREE_FORM_ID_BYTES) {
            throw new IllegalArgumentException(field + " must be at most " + StorageLimits.FREE_FORM_ID_BYTES
                    + " bytes once percent-encoded (letters, digits and - . _ ~ count 1, other ASCII 3,"
                    + " other characters 6 to 12)");
        }
        return value;
    }

    /** Rejects Unicode control characters (category Cc) except those in {@code allowed}. */
    static String requireNoControl(String value, String field, String allowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && allowed.indexOf(c) < 0) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
        return value;
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
