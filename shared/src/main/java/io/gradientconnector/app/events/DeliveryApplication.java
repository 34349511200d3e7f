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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a staged delivery: each event into the {@link EventJournal}, then one {@link PushRequest} per ledger row
 * that changed <em>and</em> per row a duplicate touches (a redelivery re-queues what a crash may have left unqueued),
 * then {@link PendingDeliveries#complete}. The events are split into {@link DeliveryLanes} (same account or same
 * event id: one lane, in delivery order); up to {@code concurrency} lanes are applied at once, each on its own
 * thread, so a delivery costs about its longest lane's journal writes instead of the sum of all of them. Lanes touch
 * disjoint items, so the outcome (counts, accepted/duplicates) is that of applying the delivery in order; with
 * {@code concurrency} 1 it is applied in order, one event at a time.
 *
 * <p>It stops at the deadline (no lane starts an event that would, at the pace seen so far, end after it; writes in
 * flight finish) or at the first store or queue failure (the other lanes stop before their next event) and leaves the
 * delivery staged, so whoever applies it next (the sweep) finishes it; every step is idempotent. Only rows of connected partners
 * (PENDING/ACTIVE) are queued; the ledger keeps the others until the account sync pushes them. Thread-safe if its
 * collaborators are.
 */
final class DeliveryApplication {
    private static final int ROW_PAGE = 100;
    static final int DEFAULT_CONCURRENCY = VendorEventsService.DEFAULT_APPLY_CONCURRENCY;
    static final int MAX_CONCURRENCY = VendorEventsService.MAX_APPLY_CONCURRENCY;

    /** What applying did: {@code pending} events were not applied (the delivery is still staged if > 0). */
    record Applied(int accepted, int duplicates, int pending, boolean completed) {
    }

    /**
     * One lane's share: events applied (duplicates among them), the rows and alerts to queue, and why it stopped
     * early.
     */
    private record LaneResult(int applied, int duplicates, Set<UsageRowKey> rows, List<AlertRef> alerts,
                              RuntimeException failure) {
    }

    /** Refuses every alert: a delivery holding one stays staged (pending) until a worker with the queue applies it. */
    static final AlertQueue NO_ALERT_QUEUE = new AlertQueue() {
        @Override
        public void enqueue(List<AlertRef> refs) {
            throw new QueueException("no alert queue is configured here");
        }

        @Override
        public void enqueueLater(AlertRef ref, Duration delay) {
            enqueue(List.of(ref));
        }
    };

    private final EventJournal journal;
    private final UsageLedger ledger;
    private final PartnerStore partners;
    private final UsageQueue queue;
    private final AlertQueue alerts;
    private final PendingDeliveries deliveries;
    private final Clock clock;
    private final JsonLog log;
    private final int concurrency;

    /** Queueing each recorded alert (new or redelivered) on {@code alerts} ({@link #NO_ALERT_QUEUE}: none here). */
    DeliveryApplication(EventJournal journal, UsageLedger ledger, PartnerStore partners, UsageQueue queue,
                        AlertQueue alerts, PendingDeliveries deliveries, Clock clock, JsonLog log, int concurrency) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY);
        }
        this.journal = journal;
        this.ledger = ledger;
        this.partners = partners;
        this.queue = queue;
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.deliveries = deliveries;
        this.clock = clock;
        this.log = log;
        this.concurrency = concurrency;
    }

    /**
     * Applies {@code delivery} until {@code deadline}; never throws for store or queue failures (any other failure
     * of a lane is rethrown once every lane has stopped).
     */
    Applied apply(StagedDelivery delivery, Instant deadline) {
        List<VendorEvent> events = delivery.events();
        List<LaneResult> lanes = applyLanes(concurrency == 1 ? List.of(events) : DeliveryLanes.of(events), deadline);
        int applied = 0;
        int duplicates = 0;
        Set<UsageRowKey> rows = new LinkedHashSet<>();
        List<AlertRef> alertRefs = new ArrayList<>();
        RuntimeException storeFailure = null;
        RuntimeException defect = null;
        for (LaneResult lane : lanes) {
            applied += lane.applied();
            duplicates += lane.duplicates();
            rows.addAll(lane.rows());
            alertRefs.addAll(lane.alerts());
            if (lane.failure() instanceof StoreConflictException || lane.failure() instanceof StoreUnavailableException) {
                storeFailure = storeFailure == null ? lane.failure() : storeFailure;
            } else if (lane.failure() != null) {
                defect = defect == null ? lane.failure() : defect;
            }
        }
        if (defect != null) {
            throw defect;
        }
        if (storeFailure != null) {
            log.with("deliveryId", delivery.id()).error("recorded delivery not fully applied; the sweep finishes it",
                    storeFailure);
            return new Applied(applied - duplicates, duplicates, events.size() - applied, false);
        }
        try {
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

    /** Every lane's result, in lane order: on this thread for one lane, else on up to {@code concurrency} threads. */
    private List<LaneResult> applyLanes(List<List<VendorEvent>> lanes, Instant deadline) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong slowest = new AtomicLong();
        int workers = Math.min(concurrency, lanes.size());
        if (workers <= 1) {
            return lanes.stream().map(lane -> applyLane(lane, deadline, stop, slowest)).toList();
        }
        LaneResult[] results = new LaneResult[lanes.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < lanes.size(); i = next.getAndIncrement()) {
                results[i] = applyLane(lanes.get(i), deadline, stop, slowest);
            }
        };
        List<Thread> threads = new ArrayList<>(workers);
        // Platform threads: the SDK's blocking HTTP calls would pin virtual threads' few carriers.
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().daemon().name("delivery-lane-" + w).start(worker));
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the lanes finish their writes in flight; keep waiting for them
                    stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<LaneResult> all = new ArrayList<>(results.length);
        for (LaneResult result : results) {
            all.add(result == null ? new LaneResult(0, 0, Set.of(), List.of(), null) : result);
        }
        return all;
    }

    /**
     * One lane in order, until a failure here, {@code stop} (a failure in another lane), or the deadline: an event is
     * started only if it would end by the deadline were it as slow as the slowest event of this delivery so far
     * ({@code slowest}, millis, shared by the lanes). The lanes wait for one another on a slow or serial store, so
     * that measure includes the waiting, and the writes still in flight at the deadline end close to it.
     */
    private LaneResult applyLane(List<VendorEvent> lane, Instant deadline, AtomicBoolean stop, AtomicLong slowest) {
        int applied = 0;
        int duplicates = 0;
        Set<UsageRowKey> rows = new LinkedHashSet<>();
        List<AlertRef> alertRefs = new ArrayList<>();
        try {
            for (VendorEvent event : lane) {
                Instant start = clock.instant();
                if (stop.get() || !start.isBefore(deadline) || start.plusMillis(slowest.get()).isAfter(deadline)) {
                    break;
                }
                RecordResult result = journal.record(event);
                slowest.accumulateAndGet(Duration.between(start, clock.instant()).toMillis(), Math::max);
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
            return new LaneResult(applied, duplicates, rows, alertRefs, null);
        } catch (RuntimeException e) {
            stop.set(true);
            return new LaneResult(applied, duplicates, rows, alertRefs, e);
        }
    }

    /** The ledger rows an event acts on, for re-queueing after a redelivery. */
    private List<UsageRowKey> rowsTouchedBy(VendorEvent event) {
        return switch (event) {
            case VendorEvent.UsageEvent usage -> List.of(journal.rowKey(usage));
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
