package io.gradientconnector.testing;

import io.gradientconnector.port.LeasedRateBudget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared budget in memory: each scope's next free slot in a map under one lock, standing in for the table item
 * several containers lease from. Several {@link LeasedRateBudget}s ("containers") can share one {@link Shared}.
 * Thread-safe.
 */
public final class InMemoryRateBudget extends LeasedRateBudget {

    /** The store side: what DynamoDB holds. */
    public static final class Shared {
        private final Map<String, Instant> next = new HashMap<>();
        private int leases;

        /** How many leases were taken, by every container. */
        public synchronized int leases() {
            return leases;
        }

        synchronized Instant lease(String scope, int permits, Duration interval, Instant notBefore) {
            Instant current = next.get(scope);
            Instant first = current == null || current.isBefore(notBefore) ? notBefore : current;
            next.put(scope, first.plus(interval.multipliedBy(permits)));
            leases++;
            return first;
        }

        synchronized void holdUntil(String scope, Instant until) {
            next.merge(scope, until, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    private final Shared shared;

    public InMemoryRateBudget(Shared shared, Settings settings, Clock clock, Pause pause) {
        super(settings, clock, pause);
        this.shared = shared;
    }

    /** One container on its own store, on the real clock. */
    public static InMemoryRateBudget create(int limitPerSecond, int sliceSize) {
        return new InMemoryRateBudget(new Shared(), new Settings(limitPerSecond, sliceSize), Clock.systemUTC(),
                Pause.SYSTEM);
    }

    @Override
    protected Instant lease(String scope, int permits, Duration interval, Instant notBefore) {
        return shared.lease(scope, permits, interval, notBefore);
    }

    /** A lease on {@code store}, for tests that wrap the store's behaviour. */
    public Instant leaseFrom(Shared store, String scope, int permits, Duration interval, Instant notBefore) {
        return store.lease(scope, permits, interval, notBefore);
    }

    @Override
    protected void holdUntil(String scope, Instant until) {
        shared.holdUntil(scope, until);
    }
}
