package io.gradientconnector.app.events;

import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.RecordResult;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.PendingDeliveries;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.StoreConflictException;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.port.UsageQueue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a staged delivery: each event into the {@link EventJournal} in delivery order (a repeated id is a
 * duplicate like any other), then one {@link PushRequest} per ledger row that changed <em>and</em> per row a
 * duplicate touches (a redelivery re-queues what a crash may have left unqueued), then
 * {@link PendingDeliveries#complete}. It stops at the deadline or at the first store or queue failure and leaves the
 * delivery staged, so whoever applies it next (the sweep) finishes it; every step is idempotent. Only rows of
 * connected partners (PENDING/ACTIVE) are queued; the ledger keeps the others until the account sync pushes them.
 * Thread-safe if its collaborators are.
 */
final class DeliveryApplication {
    private static final int ROW_PAGE = 100;

    /** What applying did: {@code pending} events were not applied (the delivery is still staged if > 0). */
    record Applied(int accepted, int duplicates, int pending, boolean completed) {
    }

    private final EventJournal journal;
    private final UsageLedger ledger;
    private final PartnerStore partners;
    private final UsageQueue queue;
    private final PendingDeliveries deliveries;
    private final Clock clock;
    private final JsonLog log;
    private final AlertQueue alerts;

    /** Refuses every alert: a delivery holding one stays staged (pending) until a worker with the queue applies it. */
    static final AlertQueue NO_ALERT_QUEUE = new AlertQueue() {
        @Override
        public void enqueue(List<AlertRef> refs) {
            throw new QueueException("no alert queue is configured here");
        }

        @Override
        public void enqueueLater(AlertRef ref, java.time.Duration delay) {
            enqueue(List.of(ref));
        }
    };

    DeliveryApplication(EventJournal journal, UsageLedger ledger, PartnerStore partners, UsageQueue queue,
                        PendingDeliveries deliveries, Clock clock, JsonLog log) {
        this(journal, ledger, partners, queue, NO_ALERT_QUEUE, deliveries, clock, log);
    }

    /** Queueing each recorded alert (new or redelivered) on {@code alerts}. */
    DeliveryApplication(EventJournal journal, UsageLedger ledger, PartnerStore partners, UsageQueue queue,
                        AlertQueue alerts, PendingDeliveries deliveries, Clock clock, JsonLog log) {
        this.alerts = java.util.Objects.requireNonNull(alerts, "alerts");
        this.journal = journal;
        this.ledger = ledger;
        this.partners = partners;
        this.queue = queue;
        this.deliveries = deliveries;
        this.clock = clock;
        this.log = log;
    }

    /** Applies {@code delivery} until {@code deadline}; never throws for store or queue failures. */
    Applied apply(StagedDelivery delivery, Instant deadline) {
        List<VendorEvent> events = delivery.events();
        int applied = 0;
        int duplicates = 0;
        Set<UsageRowKey> rows = new LinkedHashSet<>();
        List<AlertRef> alertRefs = new ArrayList<>();
        try {
            for (VendorEvent event : events) {
                if (!clock.instant().isBefore(deadline)) {
                    break;
                }
                RecordResult result = journal.record(event);
                rows.addAll(result.changedRows());
                if (event instanceof VendorEvent.AlertRaised alert) {
                    // A redelivery queues it again too (a crash may have come between recording and queueing);
                    // the worker decides from the stored stage, so a second message changes nothing.
                    alertRefs.add(alert.ref());
                }
                if (result.outcome() == RecordOutcome.DUPLICATE) {
                    duplicates++;
                    rows.addAll(rowsTouchedBy(event));
                }
                applied++;
                if (log.isEnabled(JsonLog.Level.DEBUG)) {
                    log.with("eventId", event.id().value()).with("partnerId", event.partnerId().value())
                            .with("type", event.type()).with("outcome", result.outcome().name())
                            .debug("event recorded");
                }
            }
            List<PushRequest> requests = pushRequests(rows);
            if (!requests.isEmpty()) {
                queue.enqueue(requests);
            }
            if (!alertRefs.isEmpty()) {
                alerts.enqueue(alertRefs);
            }
            if (applied == events.size()) {
                deliveries.complete(delivery.id());
                return new Applied(applied - duplicates, duplicates, 0, true);
            }
            log.with("deliveryId", delivery.id()).with("pending", events.size() - applied)
                    .warn("deadline reached; the rest of the recorded delivery is applied by the sweep");
        } catch (StoreConflictException | StoreUnavailableException | QueueException e) {
            log.with("deliveryId", delivery.id()).error("recorded delivery not fully applied; the sweep finishes it", e);
        }
        return new Applied(applied - duplicates, duplicates, events.size() - applied, false);
    }

    /** The ledger rows an event acts on, for re-queueing after a redelivery. */
    private List<UsageRowKey> rowsTouchedBy(VendorEvent event) {
        return switch (event) {
            case VendorEvent.UsageEvent usage -> List.of(new UsageRowKey(usage.partnerId(), usage.accountId(), usage.service()));
            case VendorEvent.AccountDeleted deleted -> {
                List<UsageRowKey> keys = new ArrayList<>();
                Optional<String> cursor = Optional.empty();
                do {
                    Page<LedgerRow> page = ledger.listForAccount(deleted.partnerId(), deleted.accountId(), cursor, ROW_PAGE);
                    page.items().forEach(row -> keys.add(row.key()));
                    cursor = page.nextCursor();
                } while (cursor.isPresent());
                yield keys;
            }
            case VendorEvent.AccountUpserted upserted -> List.of();
            case VendorEvent.AlertRaised alert -> List.of();
        };
    }

    private List<PushRequest> pushRequests(Set<UsageRowKey> rows) {
        Map<PartnerId, Boolean> connected = new LinkedHashMap<>();
        List<PushRequest> requests = new ArrayList<>();
        for (UsageRowKey row : rows) {
            boolean push = connected.computeIfAbsent(row.partnerId(), id -> partners.get(id)
                    .map(PartnerRecord::status)
                    .map(s -> s == PartnerStatus.PENDING || s == PartnerStatus.ACTIVE)
                    .orElse(false));
            if (push) {
                requests.add(new PushRequest(row.partnerId(), row.accountId(), row.service()));
            }
        }
        return requests;
    }
}
