package io.gradientconnector.testing;

import io.gradientconnector.port.CatalogStore;

import io.gradientconnector.domain.ServiceKey;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link CatalogStore} in memory. Thread-safe (one lock). */
public final class InMemoryCatalogStore implements CatalogStore {
    private record Entry(String gradientServiceId, String owner, Instant until) {
    }

    private final Map<ServiceKey, Entry> entries = new HashMap<>();

    public static InMemoryCatalogStore create() {
        return new InMemoryCatalogStore();
    }

    @Override
    public synchronized Optional<String> gradientServiceId(ServiceKey service) {
        return Optional.ofNullable(entries.get(service)).map(Entry::gradientServiceId);
    }

    @Override
    public synchronized Map<ServiceKey, String> all() {
        Map<ServiceKey, String> ids = new LinkedHashMap<>();
        entries.forEach((key, entry) -> {
            if (entry.gradientServiceId() != null) {
                ids.put(key, entry.gradientServiceId());
            }
        });
        return Map.copyOf(ids);
    }

    @Override
    public synchronized Claim claim(ServiceKey service, String owner, Instant now, Duration lease) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(owner, "owner");
        Entry current = entries.get(service);
        if (current != null && current.gradientServiceId() != null) {
            return Claim.RECORDED;
        }
        if (current != null && !owner.equals(current.owner()) && now.isBefore(current.until())) {
            return Claim.HELD;
        }
        entries.put(service, new Entry(null, owner, now.plus(lease)));
        return current == null || owner.equals(current.owner()) ? Claim.CLAIMED : Claim.RECLAIMED;
    }

    @Override
    public synchronized void put(ServiceKey service, String gradientServiceId, String name) {
        Objects.requireNonNull(service, "service");
        if (gradientServiceId == null || gradientServiceId.isBlank()) {
            throw new IllegalArgumentException("gradientServiceId is required");
        }
        entries.put(service, new Entry(gradientServiceId, null, null));
    }
}
