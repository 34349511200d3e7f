package io.gradientconnector.adapter.gradient;

import io.gradientconnector.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));

    @Test
    void acquire_shouldSpaceCallsByTheInterval_whenBurstIsOne() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null); // clock frozen: callers queue up
        RateLimiter limiter = RateLimiter.create(10, clock, sleeper);
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)), sleeper.sleeps());
    }

    @Test
    void acquire_shouldLetTheBurstThroughAtOnce_whenBucketIsFull() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null);
        RateLimiter limiter = new RateLimiter(10, 5, clock, sleeper);
        for (int i = 0; i < 7; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.sleeps());
    }

    @Test
    void acquire_shouldRefillAtTheRate_whenTimePasses() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null);
        RateLimiter limiter = new RateLimiter(10, 5, clock, sleeper);
        for (int i = 0; i < 5; i++) {
            limiter.acquire(); // bucket empty, next permit free at +100 ms
        }
        clock.advance(Duration.ofMillis(350)); // 0.1 s pays the pending permit, 0.25 s banks 2.5 permits
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(50)), sleeper.sleeps());
    }

    @Test
    void acquire_shouldNeverBankMoreThanTheBurst_whenIdleForLong() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(null);
        RateLimiter limiter = new RateLimiter(100, 3, clock, sleeper);
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), sleeper.sleeps());
    }

    @Test
    void acquire_shouldKeepTheRate_whenSleeperAdvancesTheClock() throws Exception {
        RecordingSleeper sleeper = new RecordingSleeper(clock);
        RateLimiter limiter = RateLimiter.create(100, clock, sleeper);
        Instant start = clock.instant();
        for (int i = 0; i < 101; i++) {
            limiter.acquire();
        }
        // 101 permits at a spacing of 10 ms: the last one is 1 s after the first.
        assertEquals(Duration.ofSeconds(1), Duration.between(start, clock.instant()));
    }

    @Test
    void reserve_shouldHandOutDistinctSlots_whenCalledFromManyThreads() throws Exception {
        RateLimiter limiter = RateLimiter.create(50, clock, new RecordingSleeper(null));
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                go.await();
                waits.add(limiter.reserve());
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        List<Duration> sorted = new ArrayList<>(waits);
        Collections.sort(sorted);
        for (int i = 0; i < 200; i++) {
            assertEquals(Duration.ofMillis(20L * i), sorted.get(i));
        }
    }

    @Test
    void constructor_shouldRejectNonPositiveRateOrBurst_whenMisconfigured() {
        Sleeper sleeper = new RecordingSleeper(null);
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, clock, sleeper));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.NaN, 1, clock, sleeper));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(10, 0, clock, sleeper));
    }
}
