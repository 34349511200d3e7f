package io.gradientconnector.domain;

import java.util.regex.Pattern;

/** A key of the vendor's service catalog (a SKU), e.g. {@code backup-server}. */
public record ServiceKey(String value) implements Comparable<ServiceKey> {
    private static final Pattern PATTERN = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    public ServiceKey {
        if (value == null) {
            throw new IllegalArgumentException("service is required");
        }
        if (!PATTERN.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "service must be 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static ServiceKey of(String value) {
        return new ServiceKey(value);
    }

    @Override
    public int compareTo(ServiceKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
