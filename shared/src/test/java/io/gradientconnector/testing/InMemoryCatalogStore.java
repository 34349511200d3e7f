package io.gradientconnector.testing;

import io.gradientconnector.port.CatalogStore;

import io.gradientconnector.domain.ServiceKey;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CatalogStore} in memory. Thread-safe. */
public final class InMemoryCatalogStore implements CatalogStore {
    private final Map<ServiceKey, String> ids = new ConcurrentHashMap<>();

    public static InMemoryCatalogStore create() {
        return new InMemoryCatalogStore();
    }

    @Override
    public Optional<String> gradientServiceId(ServiceKey service) {
        return Optional.ofNullable(ids.get(service));
    }

    @Override
    public Map<ServiceKey, String> all() {
        return Map.copyOf(ids);
    }

    @Override
    public void put(ServiceKey service, String gradientServiceId, String name) {
        Objects.requireNonNull(service, "service");
        if (gradientServiceId == null || gradientServiceId.isBlank()) {
            throw new IllegalArgumentException("gradientServiceId is required");
        }
        ids.put(service, gradientServiceId);
    }
}
