package io.gradientconnector.app.usage;

import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.FencedSession;
import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.CatalogStore;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.ServiceCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way counts reach Gradient ({@link CountPusher}), shared by the usage-push worker and the account sync.
 *
 * <p>For one partner: the partner must be connected (PENDING/ACTIVE; otherwise every row is skipped and stays
 * pending in the ledger). Each distinct row is read; a row Gradient already holds at its current version is
 * skipped; a row whose service has no Gradient id yet is recorded FAILED ({@value #SERVICE_NOT_CREATED}; the sync
 * creates the service and retries it). The rest are pushed with set-unit-count, {@code no_build} on all but the last
 * call, and each outcome recorded with {@link UsageLedger#recordPushResult}.
 *
 * <p><b>Pipelined.</b> All rows but the last are pushed by up to {@code window} lanes at once (virtual threads, each
 * with its own {@link FencedSession}, so every call still re-reads the partner record right before it and the reads
 * of different lanes overlap instead of queueing). Each lane takes the next row no lane has taken, so a row is never
 * pushed twice at once; its re-pushes after a lost race stay in its lane. The last row (the rebuild-triggering call,
 * without {@code no_build}) is pushed only after every lane has finished. When a lane meets a reason to stop (below),
 * no lane starts another row; rows already in flight finish and are recorded; the rows not started are treated as the
 * "remaining rows" of that reason. Outcomes per row:
 * <ul>
 *   <li>applied → PUSHED. If the ledger refuses the record, a concurrent worker recorded a newer version and our
 *       older count may have reached Gradient after theirs: the row is re-read and its current count pushed again
 *       (at most {@value #MAX_REPUSHES} times, then left to redelivery).</li>
 *   <li>404 → UNMAPPED; not retried here (the caller acks it; the next account sync retries unmapped rows).</li>
 *   <li>401 → (every call goes through a {@link FencedSession}, which first re-reads the record and retries once
 *       with a newer key if one was stored meanwhile) the partner is marked NEEDS_KEY, guarded by the rejected key's
 *       fingerprint, and nothing more is pushed for it; this row and the remaining rows are not recorded, so they
 *       keep needing a push until a new key is submitted, which queues a sync that pushes them.</li>
 *   <li>{@link Fenced} (the record read before a call says DISCONNECTED, or names a key not readable yet) → no call;
 *       the rows stay as they are (skipped, or retryable while the new key cannot be read).</li>
 *   <li>an accepted count while the record says PENDING → the partner is marked ACTIVE at once (Gradient activates
 *       the integration on the first accepted count).</li>
 *   <li>403 → stop the partner (Gradient flagged abuse; do not hammer); this and the remaining rows are
 *       retryable.</li>
 *   <li>429, 5xx, connection failures after the client's own retries → recorded FAILED, and this and the remaining
 *       rows retryable (SQS redelivery, then the DLQ). Stopping at the first one avoids spending the whole deadline
 *       on a Gradient that is down.</li>
 *   <li>any other 4xx → FAILED, and the next row is pushed.</li>
 * </ul>
 * If the loop finished but the last (rebuild-triggering) call did not apply while earlier {@code no_build} calls
 * did, one of those rows is pushed again without {@code no_build}, so exactly one rebuild still happens
 * (docs/GRADIENT-API.md, "Unit counts").
 *
 * <p><b>Delta mode</b> ({@link PushMode#DELTA}, UNCONFIRMED routes): each row's lease is taken first (a row leased
 * by another worker is retryable); when the row's last outcome is known (PUSHED with a confirmed count), the net
 * change {@code count - pushedCount} is sent with add/subtract, otherwise — never pushed, failed, unmapped, or no
 * net change — the absolute count is set. Before a delta call the row is recorded FAILED at its version ("outcome
 * unknown"), so a crash between the call and the record makes the next push an absolute set instead of applying
 * the delta twice. Leases are released at the end.
 *
 * <p>Metrics (when given): {@code pushes}, {@code unmapped}, {@code failures} (FAILED records and rows left to
 * redelivery), {@code throttledRetries} (rows handed back to SQS because Gradient still answered 429 after the
 * client's own backoff).
 *
 * <p>Thread-safe: each {@link #push} call keeps its state in its own {@code Run}, each lane in its own {@code Lane}.
 */
public final class UsagePushService implements CountPusher {

    public static final String SERVICE_NOT_CREATED = "service not yet created in Gradient";
    static final int MAX_REPUSHES = 3;
    public static final int DEFAULT_WINDOW = 16;
    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final PartnerStore partners;
    private final UsageLedger ledger;
    private final CatalogStore catalog;
    private final Clock clock;
    private final PushMode mode;
    private final JsonLog log;
    private final Optional<Metrics> metrics;
    private final FencedSessions sessions;
    private final Optional<ServiceCatalog> services;
    private final int window;

    private UsagePushService(Builder b) {
        this.services = Optional.ofNullable(b.services);
        this.partners = Objects.requireNonNull(b.partners, "partners");
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.catalog = Objects.requireNonNull(b.catalog, "catalog");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.log = Objects.requireNonNull(b.log, "log");
        this.metrics = Optional.ofNullable(b.metrics);
        if (b.window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + b.window);
        }
        this.window = b.window;
        this.sessions = new FencedSessions(partners, Objects.requireNonNull(b.keyVault, "keyVault"),
                Objects.requireNonNull(b.gradient, "gradient"));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PushReport push(PartnerId partnerId, List<UsageRowKey> rows, Instant deadline) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(deadline, "deadline");
        List<UsageRowKey> distinct = new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(rows, "rows")));
        for (UsageRowKey row : distinct) {
            if (!row.partnerId().equals(partnerId)) {
                throw new IllegalArgumentException("every row must belong to partner " + partnerId);
            }
        }
        JsonLog partnerLog = log.with("partnerId", partnerId.value());
        if (distinct.isEmpty()) {
            return new PushReport(0, 0, 0, 0, false, List.of());
        }
        Optional<PartnerRecord> partner = partners.get(partnerId);
        PartnerStatus status = partner.map(PartnerRecord::status).orElse(null);
        if (status != PartnerStatus.PENDING && status != PartnerStatus.ACTIVE) {
            partnerLog.with("status", status == null ? "UNKNOWN" : status.name())
                    .info("partner not connected; rows stay pending in the ledger");
            return new PushReport(0, 0, 0, distinct.size(), false, List.of());
        }
        FencedSession session;
        try {
            session = sessions.open(partner.get(), deadline);
        } catch (Fenced fenced) {
            if (fenced.reason() == Fenced.Reason.DISCONNECTED) {
                partnerLog.warn("partner has no current key; rows stay pending in the ledger");
                return new PushReport(0, 0, 0, distinct.size(), false, List.of());
            }
            partnerLog.warn("the partner's current key cannot be read yet; rows left for redelivery");
            return new PushReport(0, 0, 0, 0, false, distinct);
        } catch (KeyVaultException e) {
            partnerLog.error("keys unavailable; rows left for redelivery", e);
            count(Metric.FAILURES, distinct.size());
            return new PushReport(0, 0, 0, 0, false, distinct);
        } catch (IllegalArgumentException malformedKey) {
            // GradientCredentials refused a key (e.g. a ':' in the vendor key); its message names no value.
            partnerLog.error("a stored key is malformed; rows left for redelivery", malformedKey);
            count(Metric.FAILURES, distinct.size());
            return new PushReport(0, 0, 0, 0, false, distinct);
        }
        return new Run(partnerId, session, deadline, partnerLog).push(distinct);
    }

    // ---- the catalog's part of a push (composite services, units, removed services): docs/CATALOG.md

    /** The count Gradient receives for a row: its service's conversion of the exact sum of its SKUs. */
    private Quantity gradientCount(LedgerRow row) {
        return services.map(c -> c.gradientCount(row)).orElseGet(row::count);
    }

    /** True when the catalog no longer lists the row's service: its row stays in the ledger, never pushed. */
    private boolean removedFromCatalog(UsageRowKey key) {
        return services.isPresent() && !services.get().contains(key.service());
    }

    private void count(Metric metric, long n) {
        if (n > 0) {
            metrics.ifPresent(m -> m.count(metric, n));
        }
    }

    /** How the loop goes on after one row. */
    private enum Next { CONTINUE, STOP_AND_SKIP_REST, STOP_AND_RETRY_REST }

    /** One row ready to push: its state as read and its Gradient service id. */
    private record Item(LedgerRow row, String serviceId) {
    }

    /** What one lane (or the caller's thread) did; confined to that lane until it is merged after the join. */
    private static final class Tally {
        int pushed;
        int unmapped;
        int failed;
        int skipped;
        int throttled;
        boolean needsKey;
        boolean gradientAnswered;
        Optional<String> lastError = Optional.empty();
        Item lastNoBuildApplied;
        boolean finalCallApplied;
        final List<UsageRowKey> retryable = new ArrayList<>();

        void add(Tally other) {
            pushed += other.pushed;
            unmapped += other.unmapped;
            failed += other.failed;
            skipped += other.skipped;
            throttled += other.throttled;
            needsKey |= other.needsKey;
            gradientAnswered |= other.gradientAnswered;
            if (other.lastError.isPresent()) {
                lastError = other.lastError;
            }
            if (other.lastNoBuildApplied != null) {
                lastNoBuildApplied = other.lastNoBuildApplied;
            }
            finalCallApplied |= other.finalCallApplied;
            retryable.addAll(other.retryable);
        }
    }

    /** One lane of the pipeline: its own fenced session (one caller at a time) and its own tally. */
    private record Lane(FencedSession session, Tally tally) {
    }

    /**
     * The state of one {@link #push} call. The caller's thread prepares, runs the lanes, then pushes the last row and
     * merges; each lane's state is its own {@link Lane}; the shared parts are atomic.
     */
    private final class Run {
        private final PartnerId partnerId;
        private final FencedSession session;
        private final Instant deadline;
        private final JsonLog log;
        private final String leaseOwner = "usage-push-" + UUID.randomUUID();
        private final List<UsageRowKey> leased = new ArrayList<>();
        private final Tally total = new Tally();
        private final AtomicBoolean activationRecorded = new AtomicBoolean();
        /** The first lane's reason to stop; null while every lane goes on. */
        private final AtomicReference<Next> stop = new AtomicReference<>();

        Run(PartnerId partnerId, FencedSession session, Instant deadline, JsonLog log) {
            this.partnerId = partnerId;
            this.session = session;
            this.deadline = deadline;
            this.log = log;
        }

        PushReport push(List<UsageRowKey> rows) {
            try {
                List<Item> items = prepare(rows);
                if (!items.isEmpty()) {
                    List<Item> rest = pipeline(items.subList(0, items.size() - 1));
                    Item last = items.get(items.size() - 1);
                    boolean completed = rest.isEmpty() && stop.get() == null;
                    if (completed && !clock.instant().isBefore(deadline)) {
                        stop.set(Next.STOP_AND_RETRY_REST);
                        completed = false;
                    }
                    if (completed) {
                        Lane main = new Lane(session, new Tally());
                        completed = pushItem(main, last, false) == Next.CONTINUE;
                        total.add(main.tally());
                    } else {
                        rest = new ArrayList<>(rest);
                        rest.add(last);
                    }
                    if (stop.get() == Next.STOP_AND_SKIP_REST) {
                        total.skipped += rest.size();
                    } else {
                        rest.forEach(item -> total.retryable.add(item.row().key()));
                    }
                    if (completed && total.lastNoBuildApplied != null && !total.finalCallApplied) {
                        triggerRebuild(total.lastNoBuildApplied);
                    }
                }
                if (total.gradientAnswered) {
                    partners.recordPush(partnerId, clock.instant(), total.lastError);
                }
            } finally {
                leased.forEach(key -> ledger.releaseLease(key, leaseOwner));
            }
            count(Metric.PUSHES, total.pushed);
            count(Metric.UNMAPPED, total.unmapped);
            count(Metric.FAILURES, total.failed + total.retryable.size());
            count(Metric.THROTTLED_RETRIES, total.throttled);
            log.with("pushed", total.pushed).with("unmapped", total.unmapped).with("failed", total.failed)
                    .with("skipped", total.skipped).with("retryable", total.retryable.size())
                    .with("needsKey", total.needsKey).info("pushed counts");
            return new PushReport(total.pushed, total.unmapped, total.failed, total.skipped, total.needsKey,
                    total.retryable);
        }

        /**
         * Pushes {@code items} with {@code no_build}, up to {@link #window} at once: each lane takes the next row not
         * taken yet, so no row is ever pushed by two lanes. Once a lane stops (or the deadline passes) no lane starts
         * another row; rows already started finish. Returns the rows not started.
         */
        private List<Item> pipeline(List<Item> items) {
            int lanes = Math.min(window, items.size());
            if (lanes == 0) {
                return List.of();
            }
            AtomicInteger cursor = new AtomicInteger();
            Queue<Item> notStarted = new ConcurrentLinkedQueue<>();
            List<Lane> opened = new ArrayList<>();
            opened.add(new Lane(session, new Tally()));
            for (int i = 1; i < lanes; i++) {
                try {
                    opened.add(new Lane(sessions.open(session.record(), deadline), new Tally()));
                } catch (RuntimeException cannotOpen) {
                    break; // fewer lanes; the record is re-read before every call anyway
                }
            }
            if (opened.size() == 1) {
                runLane(opened.get(0), items, cursor, notStarted);
            } else {
                AtomicReference<RuntimeException> failure = new AtomicReference<>();
                List<Thread> threads = new ArrayList<>();
                for (Lane lane : opened) {
                    threads.add(Thread.ofVirtual().name("push-lane").start(() -> {
                        try {
                            runLane(lane, items, cursor, notStarted);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                            stop.compareAndSet(null, Next.STOP_AND_RETRY_REST);
                        }
                    }));
                }
                joinAll(threads);
                if (failure.get() != null) {
                    throw failure.get(); // as the sequential loop did: the caller leaves the partner's rows to SQS
                }
            }
            opened.forEach(lane -> total.add(lane.tally()));
            List<Item> rest = new ArrayList<>(notStarted);
            for (int i = Math.min(cursor.get(), items.size()); i < items.size(); i++) {
                rest.add(items.get(i));
            }
            return rest;
        }

        private void runLane(Lane lane, List<Item> items, AtomicInteger cursor, Queue<Item> notStarted) {
            while (stop.get() == null) {
                int i = cursor.getAndIncrement();
                if (i >= items.size()) {
                    return;
                }
                if (!clock.instant().isBefore(deadline)) {
                    notStarted.add(items.get(i));
                    stop.compareAndSet(null, Next.STOP_AND_RETRY_REST);
                    return;
                }
                Next next = pushItem(lane, items.get(i), true);
                if (next != Next.CONTINUE) {
                    stop.compareAndSet(null, next);
                }
            }
        }

        private static void joinAll(List<Thread> threads) {
            boolean interrupted = false;
            for (Thread t : threads) {
                while (true) {
                    try {
                        t.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true; // the lanes end by themselves, bounded by the deadline
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Reads each row (leasing it first in delta mode) and keeps those that need a push and can get one. */
        private List<Item> prepare(List<UsageRowKey> rows) {
            List<Item> items = new ArrayList<>();
            for (UsageRowKey key : rows) {
                if (mode == PushMode.DELTA) {
                    Instant now = clock.instant();
                    Duration hold = Duration.between(now, deadline).plus(LEASE_MARGIN);
                    if (!ledger.acquireLease(key, leaseOwner, hold.isNegative() ? LEASE_MARGIN : hold, now)) {
                        total.retryable.add(key); // another worker is pushing it right now
                        continue;
                    }
                    leased.add(key);
                }
                Optional<LedgerRow> row = ledger.get(key);
                if (row.isEmpty() || !row.get().needsPush()) {
                    total.skipped++;
                    continue;
                }
                if (removedFromCatalog(key)) {
                    total.skipped++;
                    log.with("serviceKey", key.service().value())
                            .warn("the service is no longer in the catalog: its row is kept and not pushed");
                    continue;
                }
                Optional<String> serviceId = catalog.gradientServiceId(key.service());
                if (serviceId.isEmpty()) {
                    record(row.get(), gradientCount(row.get()), PushState.FAILED, Optional.of(SERVICE_NOT_CREATED));
                    total.failed++;
                    continue;
                }
                items.add(new Item(row.get(), serviceId.get()));
            }
            return items;
        }

        private Next pushItem(Lane lane, Item item, boolean noBuild) {
            Tally t = lane.tally();
            FencedSession fenced = lane.session();
            LedgerRow row = item.row();
            JsonLog rowLog = log.with("accountId", row.key().accountId().value()).with("serviceKey", row.key().service().value());
            boolean absolute = false;
            for (int attempt = 0; ; attempt++) {
                CountOutcome outcome;
                try {
                    outcome = send(fenced, item.serviceId(), row, noBuild, absolute);
                    t.gradientAnswered = true;
                } catch (Fenced f) {
                    // Nothing was sent. The row is not recorded, so it still needs a push.
                    if (f.reason() == Fenced.Reason.DISCONNECTED) {
                        t.skipped++;
                        rowLog.info("partner disconnected meanwhile; no more pushes for it");
                        return Next.STOP_AND_SKIP_REST;
                    }
                    t.retryable.add(row.key());
                    rowLog.warn("the partner's new key cannot be read yet; left for redelivery");
                    return Next.STOP_AND_RETRY_REST;
                } catch (UnauthorizedException e) {
                    // The fenced session already re-read the record: the rejected key is still the current one.
                    // The row is not recorded: it keeps needing a push, and the sync a new key queues pushes it.
                    t.gradientAnswered = true;
                    t.needsKey = true;
                    t.skipped++;
                    partners.markNeedsKey(partnerId, fenced.fingerprint(), "Gradient rejected the partner key (401)",
                            clock.instant());
                    rowLog.warn("Gradient rejected the partner key; pushes for this partner stop until a new key", e);
                    return Next.STOP_AND_SKIP_REST;
                } catch (ForbiddenException e) {
                    t.gradientAnswered = true;
                    fail(t, row, e, true);
                    rowLog.warn("Gradient answered 403; pushes for this partner stop for now", e);
                    return Next.STOP_AND_RETRY_REST;
                } catch (RateLimitedException | ServerErrorException | GradientConnectionException e) {
                    t.gradientAnswered |= e.status() > 0;
                    if (e instanceof RateLimitedException) {
                        t.throttled++;
                    }
                    fail(t, row, e, true);
                    rowLog.with("status", e.status()).warn("push failed after the client's retries; left for redelivery", e);
                    return Next.STOP_AND_RETRY_REST;
                } catch (GradientException e) {
                    t.gradientAnswered = true;
                    fail(t, row, e, false);
                    rowLog.with("status", e.status()).warn("push rejected; recorded as failed", e);
                    return Next.CONTINUE;
                }
                if (outcome instanceof CountOutcome.NotMapped) {
                    record(row, gradientCount(row), PushState.UNMAPPED, Optional.of("not mapped in Gradient (404)"));
                    t.unmapped++;
                    return Next.CONTINUE;
                }
                recordActivation(fenced);
                if (noBuild) {
                    t.lastNoBuildApplied = new Item(row, item.serviceId());
                } else {
                    t.finalCallApplied = true;
                }
                if (record(row, gradientCount(row), PushState.PUSHED, Optional.empty())) {
                    t.pushed++;
                    return Next.CONTINUE;
                }
                // A newer attempt was recorded meanwhile; ours may have landed after it with an older count.
                Optional<LedgerRow> fresh = ledger.get(row.key());
                if (fresh.isEmpty() || fresh.get().version() == row.version()) {
                    t.pushed++; // the newer record is for this same version, i.e. this same count
                    return Next.CONTINUE;
                }
                if (attempt >= MAX_REPUSHES) {
                    t.retryable.add(row.key());
                    return Next.CONTINUE;
                }
                row = fresh.get();
                absolute = true; // after a lost race only an absolute set is safe
            }
        }

        private CountOutcome send(FencedSession fenced, String serviceId, LedgerRow row, boolean noBuild,
                                  boolean forceAbsolute) {
            String accountId = row.key().accountId().value();
            BigDecimal count = gradientCount(row).value();
            if (mode == PushMode.DELTA && !forceAbsolute && row.pushState() == PushState.PUSHED
                    && row.pushedCount().isPresent()) {
                BigDecimal delta = count.subtract(row.pushedCount().get().value());
                if (delta.signum() != 0
                        && record(row, row.pushedCount().get(), PushState.FAILED,
                        Optional.of("delta push in flight; outcome unknown until recorded"))) {
                    return delta.signum() > 0
                            ? fenced.addToUnitCount(serviceId, accountId, delta, noBuild)
                            : fenced.subtractFromUnitCount(serviceId, accountId, delta.negate(), noBuild);
                }
            }
            return fenced.setUnitCount(serviceId, accountId, count, noBuild);
        }

        /** The last call did not apply but earlier no_build calls did: one more call so one rebuild happens. */
        private void triggerRebuild(Item item) {
            Optional<LedgerRow> fresh = ledger.get(item.row().key());
            if (fresh.isEmpty()) {
                return;
            }
            try {
                CountOutcome outcome = session.setUnitCount(item.serviceId(), fresh.get().key().accountId().value(),
                        gradientCount(fresh.get()).value(), false);
                if (outcome instanceof CountOutcome.Applied) {
                    record(fresh.get(), gradientCount(fresh.get()), PushState.PUSHED, Optional.empty());
                }
            } catch (GradientException | Fenced e) {
                log.warn("the rebuild-triggering push failed; Gradient rebuilds on the next push", e);
            }
        }

        /**
         * Gradient turns a pending integration active on the first accepted count: record it at once (guarded by the
         * key and the PENDING status), so the view says ACTIVE as soon as Gradient does.
         */
        private void recordActivation(FencedSession fenced) {
            if (fenced.record().status() == PartnerStatus.PENDING && activationRecorded.compareAndSet(false, true)) {
                partners.markActive(partnerId, fenced.fingerprint(), clock.instant());
            }
        }

        private void fail(Tally t, LedgerRow row, GradientException e, boolean retry) {
            String error = e.status() > 0 ? "Gradient answered " + e.status() : "Gradient unreachable";
            if (!e.gradientMessage().isEmpty()) {
                error += ": " + e.gradientMessage();
            }
            t.lastError = Optional.of(error);
            record(row, gradientCount(row), PushState.FAILED, t.lastError);
            if (retry) {
                t.retryable.add(row.key());
            } else {
                t.failed++;
            }
        }

        private boolean record(LedgerRow row, Quantity count, PushState outcome, Optional<String> error) {
            return ledger.recordPushResult(row.key(), row.version(), count, outcome, error, clock.instant());
        }
    }

    /** {@link #build()} requires everything except {@code metrics}. Not thread-safe. */
    public static final class Builder {
        private PartnerStore partners;
        private UsageLedger ledger;
        private CatalogStore catalog;
        private KeyVault keyVault;
        private Gradient gradient;
        private Clock clock;
        private PushMode mode = PushMode.ABSOLUTE;
        private JsonLog log;
        private Metrics metrics;
        private ServiceCatalog services;
        private int window = DEFAULT_WINDOW;

        private Builder() {
        }

        /**
         * Optional: the vendor's catalog, which turns a row's SKU sum into Gradient's count (its unit conversion) and
         * whose removed services are no longer pushed. Without it a row's count is sent as it is.
         */
        public Builder services(ServiceCatalog value) {
            this.services = value;
            return this;
        }

        /** How many pushes of one call may be in flight at once (default {@value UsagePushService#DEFAULT_WINDOW}; 1: one by one). */
        public Builder window(int value) {
            this.window = value;
            return this;
        }

        public Builder partners(PartnerStore value) {
            this.partners = value;
            return this;
        }

        public Builder ledger(UsageLedger value) {
            this.ledger = value;
            return this;
        }

        public Builder catalog(CatalogStore value) {
            this.catalog = value;
            return this;
        }

        public Builder keyVault(KeyVault value) {
            this.keyVault = value;
            return this;
        }

        public Builder gradient(Gradient value) {
            this.gradient = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder mode(PushMode value) {
            this.mode = value;
            return this;
        }

        public Builder log(JsonLog value) {
            this.log = value;
            return this;
        }

        /** Optional: where pushes, unmapped, failures and throttled retries are counted. */
        public Builder metrics(Metrics value) {
            this.metrics = value;
            return this;
        }

        public UsagePushService build() {
            return new UsagePushService(this);
        }
    }
}
