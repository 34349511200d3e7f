package io.gradientconnector.port;

import io.gradientconnector.domain.EventRules;
import io.gradientconnector.domain.RecordResult;
import io.gradientconnector.domain.UsageRowKey;

import io.gradientconnector.domain.VendorEvent;

/**
 * Records vendor events exactly once. Each event is one atomic write of its de-duplication row
 * (kept {@code DEDUP_TTL_DAYS}) plus its account or ledger change, so a redelivered event id
 * changes nothing and a crash never leaves half an event. See docs/STORAGE.md for the rules.
 * Implementations are thread-safe.
 */
public interface EventJournal {

    /**
     * Records {@code event}. Throws {@link StoreConflictException} when concurrent writers kept
     * winning for every bounded attempt; nothing of this event was stored then, so the sender may
     * safely retry.
     */
    RecordResult record(VendorEvent event);

    /**
     * The ledger row a usage event changes: its SKU's catalog service's row (a composite's SKUs share one). A
     * redelivered event re-queues this row. By default the row named by the event's SKU (a catalog of plain services).
     */
    default UsageRowKey rowKey(VendorEvent.UsageEvent event) {
        return EventRules.rowKey(event);
    }
}
