package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void tryAcquire_shouldRejectOverLimit_whenWithinOneSecond() {
        RateLimiter limiter = new RateLimiter();
        assertTrue(limiter.tryAcquire(T0, 2));
        assertTrue(limiter.tryAcquire(T0.plusMillis(500), 2));
        assertFalse(limiter.tryAcquire(T0.plusMillis(999), 2));
        assertTrue(limiter.tryAcquire(T0.plusMillis(1000), 2), "the first request left the window");
        assertFalse(limiter.tryAcquire(T0.plusMillis(1499), 2));
        assertTrue(limiter.tryAcquire(T0.plusMillis(1500), 2));
    }

    @Test
    void tryAcquire_shouldNotCountRejected_whenClientKeepsTrying() {
        RateLimiter limiter = new RateLimiter();
        assertTrue(limiter.tryAcquire(T0, 1));
        for (int i = 1; i < 10; i++) {
            assertFalse(limiter.tryAcquire(T0.plusMillis(i * 10L), 1));
        }
        assertTrue(limiter.tryAcquire(T0.plusSeconds(1), 1));
    }
}
