package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UnexpectedStatusException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
    private static final String ROUTE = "GET /api/vendor-api";
    private final RetryPolicy policy = RetryPolicy.defaults();

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new BadRequestException(ROUTE, "bad"), false),
                Arguments.of(new UnauthorizedException(ROUTE, "no"), false),
                Arguments.of(new ForbiddenException(ROUTE, "anomaly"), false),
                Arguments.of(new NotFoundException(ROUTE, "missing"), false),
                Arguments.of(new ConflictException(ROUTE, "exists"), false),
                Arguments.of(new UnexpectedStatusException(302, ROUTE, ""), false),
                Arguments.of(new UnexpectedStatusException(422, ROUTE, ""), false),
                Arguments.of(new RateLimitedException(ROUTE, "slow down", Optional.empty()), true),
                Arguments.of(new ServerErrorException(500, ROUTE, "boom"), true),
                Arguments.of(new ServerErrorException(503, ROUTE, "unavailable"), true),
                Arguments.of(new GradientConnectionException(ROUTE, "connection refused", true, new ConnectException()), true),
                Arguments.of(new GradientConnectionException(ROUTE, "unknown host", false, new IOException()), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void shouldRetry_shouldFollowTheTable_whenGivenEachFailureKind(GradientException failure, boolean expected) {
        assertEquals(expected, RetryPolicy.shouldRetry(failure));
    }

    @Test
    void delayFor_shouldDoubleFromBaseWithJitter_whenNoRetryAfter() {
        FixedRandom low = new FixedRandom(0.0); // jitter factor 0.5
        FixedRandom mid = new FixedRandom(0.5); // jitter factor 0.75
        assertEquals(Duration.ofMillis(100), policy.delayFor(1, Optional.empty(), low));
        assertEquals(Duration.ofMillis(200), policy.delayFor(2, Optional.empty(), low));
        assertEquals(Duration.ofMillis(400), policy.delayFor(3, Optional.empty(), low));
        assertEquals(Duration.ofMillis(150), policy.delayFor(1, Optional.empty(), mid));
        assertEquals(Duration.ofMillis(600), policy.delayFor(3, Optional.empty(), mid));
    }

    @Test
    void delayFor_shouldCapAtMaxDelay_whenExponentGrowsLarge() {
        FixedRandom high = new FixedRandom(Math.nextDown(1.0));
        assertEquals(Duration.ofMillis(2500), policy.delayFor(6, Optional.empty(), new FixedRandom(0.0)));
        assertEquals(Duration.ofMillis(2500), policy.delayFor(200, Optional.empty(), new FixedRandom(0.0)));
        assertTrue(policy.delayFor(10_000, Optional.empty(), high).compareTo(Duration.ofSeconds(5)) <= 0);
    }

    @Test
    void delayFor_shouldStayWithinHalfAndFullExponent_whenRandomIsSeeded() {
        Random seeded = new Random(42);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long exponential = Math.min(200L << (attempt - 1), 5000L);
            Duration delay = policy.delayFor(attempt, Optional.empty(), seeded);
            assertTrue(delay.toMillis() >= exponential / 2 && delay.toMillis() < exponential,
                    "attempt " + attempt + " gave " + delay);
        }
    }

    @Test
    void delayFor_shouldUseRetryAfterExactly_whenBelowCap() {
        assertEquals(Duration.ofSeconds(3), policy.delayFor(1, Optional.of(Duration.ofSeconds(3)), new FixedRandom(0.3)));
        assertEquals(Duration.ZERO, policy.delayFor(2, Optional.of(Duration.ZERO), new FixedRandom(0.3)));
    }

    @Test
    void delayFor_shouldCapRetryAfter_whenServerAsksTooMuch() {
        assertEquals(Duration.ofSeconds(10), policy.delayFor(1, Optional.of(Duration.ofSeconds(120)), new FixedRandom(0)));
    }

    @Test
    void allowsAnotherAttempt_shouldStopAtMaxAttempts_whenCounting() {
        assertTrue(policy.allowsAnotherAttempt(3));
        assertFalse(policy.allowsAnotherAttempt(4));
        assertFalse(RetryPolicy.none().allowsAnotherAttempt(1));
    }

    @Test
    void constructor_shouldRejectNonsense_whenValuesInvalid() {
        Duration s = Duration.ofSeconds(1);
        for (Runnable bad : List.<Runnable>of(
                () -> new RetryPolicy(0, s, s, s, s),
                () -> new RetryPolicy(2, Duration.ofSeconds(2), s, s, s),
                () -> new RetryPolicy(2, s.negated(), s, s, s),
                () -> new RetryPolicy(2, s, s, null, s))) {
            assertThrows(RuntimeException.class, bad::run);
        }
    }
}
