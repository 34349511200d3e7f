package io.gradientconnector.domain;

import java.math.BigDecimal;

/**
 * A license quantity: an exact decimal, 0 to 10^12, at most 6 fraction digits. Stored in a
 * canonical form (no trailing zeros, never a negative scale) so that {@code 5}, {@code 5.0} and
 * {@code 5.000} are equal records.
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {
    public static final BigDecimal MAX = new BigDecimal("1000000000000");
    public static final int MAX_SCALE = 6;
    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO);

    public Quantity {
        if (value == null) {
            throw new IllegalArgumentException("quantity is required");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("quantity must not exceed 1000000000000");
        }
        BigDecimal canonical = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (canonical.scale() > MAX_SCALE) {
            throw new IllegalArgumentException("quantity must have at most 6 decimal places");
        }
        value = canonical.scale() < 0 ? canonical.setScale(0) : canonical;
    }

    public static Quantity of(String value) {
        try {
            return new Quantity(new BigDecimal(value));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("quantity must be a number");
        }
    }

    public static Quantity of(long value) {
        return new Quantity(BigDecimal.valueOf(value));
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** The sum, capped at {@link #MAX} so that a ledger can never hold an invalid quantity. */
    public Quantity plus(Quantity other) {
        return new Quantity(value.add(other.value).min(MAX));
    }

    /** The difference, floored at zero: a subtract never drives a count negative. */
    public Quantity minusFloored(Quantity other) {
        return new Quantity(value.subtract(other.value).max(BigDecimal.ZERO));
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
