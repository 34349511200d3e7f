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
        return value;
    }
}
