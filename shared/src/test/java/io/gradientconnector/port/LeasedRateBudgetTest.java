package io.gradientconnector.port;

import io.gradientconnector.testing.RateWindows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.testing.InMemoryRateBudget;
import io.gradientconnector.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The budget's rules on the in-memory store and a clock that only the budget's own waits move (so nothing sleeps):
 * several "containers" sharing one store never grant more than the limit in any one-second window, even when their
 * waits oversleep; they still grant close to the limit; a back-off pauses every container; a permit beyond the
 * caller's wait is refused. Randomized and seeded.
 */
class LeasedRateBudgetTest {
    private static final String SCOPE = "vendor-test";

    // Grants are stamped at the clock's reading when acquire returns: the moment the caller sends.
    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");

    /** Sleeps by moving the clock, oversleeping by a seeded random amount sometimes (a busy machine). */
    private LeasedRateBudget.Pause pause(Random random, int maxOversleepMillis) {
        return duration -> {
            long extra = maxOversleepMillis > 0 && random.nextInt(4) == 0 ? random.nextInt(maxOversleepMillis + 1) : 0;
            clock.advance(duration.plusMillis(extra));
        };
    }


    @Test
    void acquire_shouldNeverGrantMoreThanTheLimitInAnySecond_whenContainersShareTheStore() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int limit = 5 + random.nextInt(200);
            int slice = 1 + random.nextInt(20);
            InMemoryRateBudget.Shared store = new InMemoryRateBudget.Shared();
            LeasedRateBudget.Pause pause = pause(random, 30);
            List<LeasedRateBudget> containers = new ArrayList<>();
            for (int c = 0; c < 1 + random.nextInt(5); c++) {
                containers.add(new InMemoryRateBudget(store, new LeasedRateBudget.Settings(limit, slice), clock, pause));
            }
            List<Instant> grants = new ArrayList<>();
            Instant start = clock.instant();
            for (int i = 0; i < limit * 5; i++) {
                LeasedRateBudget container = containers.get(random.nextInt(containers.size()));
                Optional<Duration> waited = container.acquire(SCOPE, null);
                assertTrue(waited.isPresent());
                grants.add(clock.instant());
            }
            int max = RateWindows.maxInAnySecond(grants);
            assertTrue(max <= limit, "seed " + seed + ": " + max + " grants in one second, limit " + limit);
            assertTrue(clock.instant().isAfter(start.plusSeconds(4)), "seed " + seed + ": 5 s of permits took "
                    + Duration.between(start, clock.instant()));
        }
    }

    @Test
    void acquire_shouldGrantNearlyTheLimit_whenWaitsAreOnTime() throws Exception {
        LeasedRateBudget budget = new InMemoryRateBudget(new InMemoryRateBudget.Shared(),
                new LeasedRateBudget.Settings(100, 10), clock, clock::advance);
        Instant start = clock.instant();
        for (int i = 0; i < 1000; i++) {
            budget.acquire(SCOPE, null);
        }
        double perSecond = 1000 / (Duration.between(start, clock.instant()).toNanos() / 1e9);
        assertTrue(perSecond >= 97 && perSecond <= 100, perSecond + "/s");
    }

    @Test
    void backOff_shouldPauseEveryContainerOfTheScope_andNoOther() throws Exception {
        InMemoryRateBudget.Shared store = new InMemoryRateBudget.Shared();
        LeasedRateBudget.Settings settings = new LeasedRateBudget.Settings(100, 10);
        LeasedRateBudget a = new InMemoryRateBudget(store, settings, clock, clock::advance);
        LeasedRateBudget b = new InMemoryRateBudget(store, settings, clock, clock::advance);
        a.acquire(SCOPE, null);
        b.acquire(SCOPE, null);
        Instant hit = clock.instant();

        a.backOff(SCOPE, Duration.ofSeconds(2));

        b.acquire(SCOPE, null);
        assertTrue(!clock.instant().isBefore(hit.plusSeconds(2)), "b waited for a's back-off");
        Instant now = clock.instant();
        a.acquire("another-scope", null);
        assertTrue(clock.instant().isBefore(now.plusMillis(100)), "another scope is not paused");
    }

    @Test
    void acquire_shouldRefuse_whenThePermitComesAfterTheCallersWait() throws Exception {
        LeasedRateBudget budget = new InMemoryRateBudget(new InMemoryRateBudget.Shared(),
                new LeasedRateBudget.Settings(1, 1), clock, clock::advance);
        assertTrue(budget.acquire(SCOPE, null).isPresent());
        Instant before = clock.instant();

        assertEquals(Optional.empty(), budget.acquire(SCOPE, Duration.ofMillis(500)));
        assertEquals(before, clock.instant(), "no wait when the slot is past the caller's limit");
    }

    @Test
    void acquire_shouldLeaseForTheCallersWaitingWithoutASlot_upToTheSliceSize() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(20);
        List<Integer> leases = java.util.Collections.synchronizedList(new ArrayList<>());
        InMemoryRateBudget.Shared store = new InMemoryRateBudget.Shared();
        // The first lease waits until every caller is queued behind it, as a slow store would make them.
        LeasedRateBudget budget = new LeasedRateBudget(new LeasedRateBudget.Settings(1000, 5),
                java.time.Clock.systemUTC(), LeasedRateBudget.Pause.SYSTEM) {
            @Override
            protected Instant lease(String scope, int permits, Duration interval, Instant notBefore) {
                if (leases.isEmpty()) {
                    try {
                        started.await();
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                leases.add(permits);
                return new InMemoryRateBudget(store, settings(), java.time.Clock.systemUTC(), Pause.SYSTEM)
                        .leaseFrom(store, scope, permits, interval, notBefore);
            }

            @Override
            protected void holdUntil(String scope, Instant until) {
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                try {
                    budget.acquire(SCOPE, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(leases.stream().allMatch(n -> n >= 1 && n <= 5), "every lease 1..5: " + leases);
        assertTrue(leases.contains(5), "callers queued behind a lease share the next one: " + leases);
        assertTrue(leases.stream().mapToInt(Integer::intValue).sum() >= 20, "a slot for every caller: " + leases);
        assertTrue(leases.size() < 20, "fewer leases than callers: " + leases);
    }
}
