package io.gradientconnector.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a catalog service turns the sum of its SKUs' counts (in the SKUs' raw unit) into the count Gradient
 * receives: {@code round(sum × factor × 1024^(from − to), decimals, rounding)}, capped at {@link Quantity#MAX}.
 * Byte units are powers of two (1 KB = 1024 bytes, as Gradient's SDK counts them). Every step is exact
 * ({@link BigDecimal}: a power of 1024 in the denominator always has a finite decimal expansion), so the only
 * inexact step is the final rounding, which follows {@code rounding}. Immutable.
 *
 * @param from     the unit the vendor's events carry
 * @param to       the unit Gradient is sent
 * @param factor   a positive exact multiplier applied besides the unit change (1 for none)
 * @param decimals fraction digits of the result, 0 to {@value Quantity#MAX_SCALE}
 * @param rounding how the result is rounded to {@code decimals}
 */
public record UnitConversion(Unit from, Unit to, BigDecimal factor, int decimals, Rounding rounding) {

    private static final BigDecimal KIB = BigDecimal.valueOf(1024);
    /** Factors beyond these would only express mistakes (and keep the arithmetic short). */
    private static final BigDecimal MAX_FACTOR = new BigDecimal("1000000000000");
    private static final int MAX_FACTOR_SCALE = 12;

    /** Counts sent as they are (declared after the constants its constructor checks against). */
    public static final UnitConversion NONE = new UnitConversion(Unit.COUNT, Unit.COUNT, BigDecimal.ONE,
            Quantity.MAX_SCALE, Rounding.DOWN);

    /** Units a count may be in; the byte units are 1024^{@link #power()} bytes. */
    public enum Unit {
        COUNT("count", -1), BYTES("bytes", 0), KB("KB", 1), MB("MB", 2), GB("GB", 3), TB("TB", 4);

        private final String spelling;
        private final int power;

        Unit(String spelling, int power) {
            this.spelling = spelling;
            this.power = power;
        }

        /** As written in the catalog. */
        public String spelling() {
            return spelling;
        }

        int power() {
            return power;
        }

        /** The unit of an exact catalog spelling; throws listing the spellings when unknown. */
        public static Unit of(String spelling) {
            for (Unit unit : values()) {
                if (unit.spelling.equals(spelling)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException("must be one of " + spellings());
        }

        static String spellings() {
            return Arrays.stream(values()).map(u -> "\"" + u.spelling + "\"").collect(Collectors.joining(", "));
        }
    }

    /** How the converted count is rounded to {@link #decimals}. */
    public enum Rounding {
        UP("up", RoundingMode.UP), DOWN("down", RoundingMode.DOWN), HALF_UP("half-up", RoundingMode.HALF_UP);

        private final String spelling;
        private final RoundingMode mode;

        Rounding(String spelling, RoundingMode mode) {
            this.spelling = spelling;
            this.mode = mode;
        }

        public String spelling() {
            return spelling;
        }

        /** The rounding of an exact catalog spelling; throws listing the spellings when unknown. */
        public static Rounding of(String spelling) {
            for (Rounding rounding : values()) {
                if (rounding.spelling.equals(spelling)) {
                    return rounding;
                }
            }
            throw new IllegalArgumentException("must be one of \"up\", \"down\", \"half-up\"");
        }
    }

    /** Thrown with the field of the conversion at fault ({@code from}, {@code to}, {@code factor}, ...). */
    public static final class InvalidConversion extends IllegalArgumentException {
        private final String field;

        public InvalidConversion(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public UnitConversion {
        if (from == null) {
            throw new InvalidConversion("from", "is required");
        }
        if (to == null) {
            throw new InvalidConversion("to", "is required");
        }
        if ((from == Unit.COUNT) != (to == Unit.COUNT)) {
            throw new InvalidConversion("to", "must be \"count\" exactly when \"from\" is (bytes convert only to bytes, KB, MB, GB or TB)");
        }
        if (factor == null || factor.signum() <= 0 || factor.compareTo(MAX_FACTOR) > 0) {
            throw new InvalidConversion("factor", "must be a number above 0 and at most 1000000000000");
        }
        if (factor.stripTrailingZeros().scale() > MAX_FACTOR_SCALE) {
            throw new InvalidConversion("factor", "must have at most " + MAX_FACTOR_SCALE + " decimal places");
        }
        if (decimals < 0 || decimals > Quantity.MAX_SCALE) {
            throw new InvalidConversion("decimals", "must be between 0 and " + Quantity.MAX_SCALE);
        }
        if (rounding == null) {
            throw new InvalidConversion("rounding", "is required");
        }
        factor = factor.stripTrailingZeros();
    }

    /** True when counts are sent exactly as summed. */
    public boolean isIdentity() {
        return from == to && factor.compareTo(BigDecimal.ONE) == 0 && decimals == Quantity.MAX_SCALE;
    }

    /**
     * The Gradient count for {@code sum} (a non-negative exact sum of raw counts), rounded as configured and
     * capped at {@link Quantity#MAX}.
     */
    public Quantity convert(BigDecimal sum) {
        Objects.requireNonNull(sum, "sum");
        if (sum.signum() < 0) {
            throw new IllegalArgumentException("a count sum cannot be negative");
        }
        BigDecimal exact = sum.multiply(factor);
        int shift = from == Unit.COUNT ? 0 : from.power() - to.power();
        for (int i = 0; i < shift; i++) {
            exact = exact.multiply(KIB);
        }
        for (int i = 0; i < -shift; i++) {
            // Exact: 1/1024 = 0.0009765625, so each division adds at most 10 fraction digits.
            exact = exact.divide(KIB);
        }
        BigDecimal rounded = exact.setScale(decimals, rounding.mode);
        return new Quantity(rounded.min(Quantity.MAX));
    }
}
