package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LambdaDeadlineTest {
    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");

    @Test
    void of_shouldBeTheRemainingTimeLessTheMargin_whenTheContextHasLessThanTheLimit() {
        assertEquals(clock.instant().plusSeconds(25),
                LambdaDeadline.of(new FakeLambdaContext(30_000), clock, Duration.ofSeconds(60)));
    }

    @Test
    void of_shouldUseTheLimit_whenTheContextReportsMoreTimeThanTheLimit() {
        assertEquals(clock.instant().plus(LambdaDeadline.API_GATEWAY_LIMIT).minus(LambdaDeadline.MARGIN),
                LambdaDeadline.of(new FakeLambdaContext(900_000), clock, LambdaDeadline.API_GATEWAY_LIMIT));
    }

    @Test
    void of_shouldUseTheLimit_whenThereIsNoContext() {
        assertEquals(clock.instant().plusSeconds(55), LambdaDeadline.of(null, clock, Duration.ofSeconds(60)));
    }

    @Test
    void of_shouldUseTheLimit_whenTheContextReportsNoTimeLeft() {
        assertEquals(clock.instant().plusSeconds(55),
                LambdaDeadline.of(new FakeLambdaContext(0), clock, Duration.ofSeconds(60)));
    }

    @Test
    void of_shouldBeNow_whenLessThanTheMarginRemains() {
        assertEquals(clock.instant(), LambdaDeadline.of(new FakeLambdaContext(4_999), clock, Duration.ofSeconds(60)));
    }

    @Test
    void of_shouldKeepMilliseconds_whenTheRemainingTimeHasThem() {
        assertEquals(clock.instant().plusMillis(1_234),
                LambdaDeadline.of(new FakeLambdaContext(6_234), clock, Duration.ofSeconds(60)));
    }
}
