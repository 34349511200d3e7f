package io.gradientconnector.domain;

import io.gradientconnector.domain.UnitConversion.Rounding;
import io.gradientconnector.domain.UnitConversion.Unit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The conversion against an independent model: exact rationals as BigInteger numerator/denominator, rounded by
 * integer division with the rule applied by hand (never BigDecimal's rounding). Seeded, so a failure replays.
 */
class UnitConversionTest {

    private static final Unit[] BYTE_UNITS = {Unit.BYTES, Unit.KB, Unit.MB, Unit.GB, Unit.TB};
    private static final int[] POWER = {0, 1, 2, 3, 4};

    @Test
    void convert_shouldEqualTheRationalModel_forRandomSumsUnitsFactorsAndRoundings() {
        Random random = new Random(20261206L);
        for (int i = 0; i < 20_000; i++) {
            int from = random.nextInt(BYTE_UNITS.length);
            int to = random.nextInt(BYTE_UNITS.length);
            boolean count = random.nextInt(6) == 0;
            BigDecimal sum = randomQuantity(random);
            BigDecimal factor = new BigDecimal(BigInteger.valueOf(1 + random.nextInt(5000)), random.nextInt(4));
            int decimals = random.nextInt(Quantity.MAX_SCALE + 1);
            Rounding rounding = Rounding.values()[random.nextInt(Rounding.values().length)];
            UnitConversion conversion = new UnitConversion(count ? Unit.COUNT : BYTE_UNITS[from],
                    count ? Unit.COUNT : BYTE_UNITS[to], factor, decimals, rounding);
            int shift = count ? 0 : POWER[from] - POWER[to];

            BigDecimal expected = model(sum, factor, shift, decimals, rounding);

            assertEquals(0, expected.compareTo(conversion.convert(sum).value()),
                    "case " + i + ": " + sum + " " + conversion);
        }
    }

    @Test
    void convert_shouldUsePowersOfTwo_andRoundAsConfigured() {
        UnitConversion toGbUp = new UnitConversion(Unit.BYTES, Unit.GB, BigDecimal.ONE, 0, Rounding.UP);
        assertEquals(Quantity.of(1), toGbUp.convert(BigDecimal.ONE));
        assertEquals(Quantity.of(1), toGbUp.convert(BigDecimal.valueOf(1L << 30)));
        assertEquals(Quantity.of(2), toGbUp.convert(BigDecimal.valueOf((1L << 30) + 1)));
        assertEquals(Quantity.ZERO, toGbUp.convert(BigDecimal.ZERO));
        UnitConversion halfUp = new UnitConversion(Unit.MB, Unit.GB, BigDecimal.ONE, 1, Rounding.HALF_UP);
        assertEquals(Quantity.of("0.5"), halfUp.convert(BigDecimal.valueOf(512)));
        assertEquals(Quantity.of("0.1"), halfUp.convert(BigDecimal.valueOf(52)), "52/1024 = 0.0508 -> 0.1");
        UnitConversion down = new UnitConversion(Unit.COUNT, Unit.COUNT, new BigDecimal("0.5"), 0, Rounding.DOWN);
        assertEquals(Quantity.of(3), down.convert(BigDecimal.valueOf(7)));
    }

    @Test
    void convert_shouldCapAtTheLargestQuantity() {
        UnitConversion toBytes = new UnitConversion(Unit.TB, Unit.BYTES, BigDecimal.ONE, 0, Rounding.DOWN);
        assertEquals(new Quantity(Quantity.MAX), toBytes.convert(BigDecimal.valueOf(5)));
    }

    @Test
    void constructor_shouldNameTheField_whenAValueIsWrong() {
        assertEquals("to", assertThrows(UnitConversion.InvalidConversion.class, () -> new UnitConversion(Unit.BYTES,
                Unit.COUNT, BigDecimal.ONE, 0, Rounding.UP)).field());
        assertEquals("factor", assertThrows(UnitConversion.InvalidConversion.class, () -> new UnitConversion(Unit.BYTES,
                Unit.GB, BigDecimal.ZERO, 0, Rounding.UP)).field());
        assertEquals("decimals", assertThrows(UnitConversion.InvalidConversion.class, () -> new UnitConversion(
                Unit.BYTES, Unit.GB, BigDecimal.ONE, 7, Rounding.UP)).field());
    }

    /** A non-negative quantity up to 10^12 with up to 6 decimals, biased towards unit boundaries. */
    private static BigDecimal randomQuantity(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> BigDecimal.valueOf(1L << (10 * random.nextInt(4))).add(BigDecimal.valueOf(random.nextInt(3) - 1))
                    .max(BigDecimal.ZERO);
            case 1 -> BigDecimal.valueOf(random.nextInt(100_000));
            case 2 -> new BigDecimal(BigInteger.valueOf(Math.floorMod(random.nextLong(), 1_000_000_000_000L)),
                    random.nextInt(7));
            default -> BigDecimal.valueOf(Math.floorMod(random.nextLong(), 1_000_000_000_001L));
        };
    }

    /** sum × factor × 1024^shift as a fraction n/d, rounded to {@code decimals} by integer arithmetic. */
    private static BigDecimal model(BigDecimal sum, BigDecimal factor, int shift, int decimals, Rounding rounding) {
        BigInteger n = sum.unscaledValue().multiply(factor.unscaledValue());
        BigInteger d = BigInteger.TEN.pow(sum.scale() + factor.scale());
        BigInteger kib = BigInteger.valueOf(1024);
        if (shift > 0) {
            n = n.multiply(kib.pow(shift));
        } else {
            d = d.multiply(kib.pow(-shift));
        }
        n = n.multiply(BigInteger.TEN.pow(decimals)); // now round n/d to an integer of 10^-decimals
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        BigInteger r = qr[1];
        boolean up = switch (rounding) {
            case DOWN -> false;
            case UP -> r.signum() > 0;
            case HALF_UP -> r.shiftLeft(1).compareTo(d) >= 0;
        };
        BigDecimal rounded = new BigDecimal(up ? q.add(BigInteger.ONE) : q, decimals);
        return rounded.min(Quantity.MAX);
    }
}
