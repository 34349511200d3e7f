package io.gradientconnector.testing;

import io.gradientconnector.port.PartnerLocks;

import io.gradientconnector.domain.PartnerId;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link PartnerLocks} in memory, for tests and fakes. Thread-safe (every method synchronises on this). */
public final class InMemoryPartnerLocks implements PartnerLocks {
    private record Held(String owner, Instant expiresAt) {
    }

    private final Map<PartnerId, Held> held = new HashMap<>();

    public static InMemoryPartnerLocks create() {
        return new InMemoryPartnerLocks();
    }

    @Override
    public synchronized boolean tryAcquire(PartnerId partnerId, String owner, Instant now, Duration ttl) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(owner, "owner");
        Held current = held.get(partnerId);
        if (current != null && !current.owner().equals(owner) && now.isBefore(current.expiresAt())) {
            return false;
        }
        held.put(partnerId, new Held(owner, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void release(PartnerId partnerId, String owner) {
        Held current = held.get(partnerId);
        if (current != null && current.owner().equals(owner)) {
            held.remove(partnerId);
        }
    }

    /** Whether anyone holds an unexpired lock on the partner at {@code now}. */
    public synchronized boolean isHeld(PartnerId partnerId, Instant now) {
        Held current = held.get(partnerId);
        return current != null && now.isBefore(current.expiresAt());
    }
}
