package io.gradientconnector.adapter.gradient;

import io.gradientconnector.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T08:00:00Z"));

    @Test
    void parse_shouldReadSeconds_whenHeaderIsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(Optional.of("7"), clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Optional.of(" 0 "), clock));
    }

    @Test
    void parse_shouldMeasureFromClock_whenHeaderIsHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(4)),
                RetryAfter.parse(Optional.of("Sat, 01 Jun 2024 08:00:04 GMT"), clock));
    }

    @Test
    void parse_shouldBeZero_whenDateIsInThePast() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Optional.of("Sat, 01 Jun 2024 07:00:00 GMT"), clock));
    }

    @Test
    void parse_shouldBeEmpty_whenMissingOrUnreadable() {
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.empty(), clock));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("soon"), clock));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("-3"), clock));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of(""), clock));
    }

    @Test
    void parse_shouldNotOverflow_whenSecondsAreHuge() {
        assertEquals(true, RetryAfter.parse(Optional.of("99999999999999999999999"), clock).orElseThrow()
                .compareTo(Duration.ofDays(365)) > 0);
    }
}
