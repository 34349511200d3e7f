package io.gradientconnector.testing;

import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.port.PendingDeliveries;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PendingDeliveries} in memory. Thread-safe. */
public final class InMemoryPendingDeliveries implements PendingDeliveries {
    private final Map<String, StagedDelivery> staged = new LinkedHashMap<>();

    public static InMemoryPendingDeliveries create() {
        return new InMemoryPendingDeliveries();
    }

    @Override
    public synchronized void stage(StagedDelivery delivery) {
        staged.put(delivery.id(), delivery);
    }

    @Override
    public synchronized void complete(String deliveryId) {
        staged.remove(deliveryId);
    }

    @Override
    public synchronized List<StagedDelivery> stagedBefore(Instant stagedBefore, int limit) {
        return staged.values().stream().filter(d -> d.stagedAt().isBefore(stagedBefore)).limit(limit).toList();
    }

    /** Every delivery staged and not completed. */
    public synchronized List<StagedDelivery> all() {
        return List.copyOf(staged.values());
    }
}
