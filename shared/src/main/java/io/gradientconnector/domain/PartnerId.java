package io.gradientconnector.domain;

import java.util.regex.Pattern;

/**
 * The vendor's id of an MSP partner. The pattern is strict on purpose: the id becomes part of a
 * Secrets Manager name ({@code <prefix><partnerId>}), so no id may contain a path separator or
 * anything else that could reach another partner's secret.
 */
public record PartnerId(String value) {
    private static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");

    public PartnerId {
        if (value == null) {
            throw new IllegalArgumentException("partnerId is required");
        }
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "partnerId must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
    }

    public static PartnerId of(String value) {
        return new PartnerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
