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
import java.util.UUID;

/**
 * The one way counts reach Gradient ({@link CountPusher}), shared by the usage-push worker and the account sync.
 *
 * <p>For one partner: the partner must be connected (PENDING/ACTIVE; otherwise every row is skipped and stays
 * pending in the ledger). Each distinct row is read; a row Gradient already holds at its current version is
 * skipped; a row whose service has no Gradient id yet is recorded FAILED ({@value #SERVICE_NOT_CREATED}; the sync
 * creates the service and retries it). The rest are pushed in order with set-unit-count, {@code no_build} on all
 * but the last call, and each outcome recorded with {@link UsageLedger#recordPushResult}:
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
 * <p>Thread-safe: each {@link #push} call keeps its state in its own {@code Run}.
 */
public final class UsagePushService implements CountPusher {

    public static final String SERVICE_NOT_CREATED = "service not yet created in Gradient";
    static final int MAX_REPUSHES = 3;
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

    private UsagePushService(Builder b) {
        this.services = Optional.ofNullable(b.services);
        this.partners = Objects.requireNonNull(b.partners, "partners");
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.catalog = Objects.requireNonNull(b.catalog, "catalog");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.log = Objects.requireNonNull(b.log, "log");
        this.metrics = Optional.ofNullable(b.metrics);
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
        return services.flatMap(c -> c.find(row.key().service()))
                .map(service -> service.gradientCount(row.sum()))
                .orElseGet(row::count);
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

    /** The state of one {@link #push} call. Confined to the calling thread. */
    private final class Run {
        private final PartnerId partnerId;
        private final FencedSession session;
        private final Instant deadline;
        private final JsonLog log;
        private final String leaseOwner = "usage-push-" + UUID.randomUUID();
        private final List<UsageRowKey> leased = new ArrayList<>();

        private int pushed;
        private int unmapped;
        private int failed;
        private int skipped;
        private int throttled;
        private boolean needsKey;
        private final List<UsageRowKey> retryable = new ArrayList<>();
        private boolean gradientAnswered;
        private Optional<String> lastError = Optional.empty();
        private Item lastNoBuildApplied;
        private boolean finalCallApplied;
        private boolean activationRecorded;

        Run(PartnerId partnerId, FencedSession session, Instant deadline, JsonLog log) {
            this.partnerId = partnerId;
            this.session = session;
            this.deadline = deadline;
            this.log = log;
        }

        PushReport push(List<UsageRowKey> rows) {
            try {
                List<Item> items = prepare(rows);
                boolean completed = true;
                for (int i = 0; i < items.size(); i++) {
                    if (!clock.instant().isBefore(deadline)) {
                        items.subList(i, items.size()).forEach(item -> retryable.add(item.row().key()));
                        completed = false;
                        break;
                    }
                    Next next = pushItem(items.get(i), i < items.size() - 1);
                    if (next != Next.CONTINUE) {
                        List<Item> rest = items.subList(i + 1, items.size());
                        if (next == Next.STOP_AND_SKIP_REST) {
                            skipped += rest.size();
                        } else {
                            rest.forEach(item -> retryable.add(item.row().key()));
                        }
                        completed = false;
                        break;
                    }
                }
                if (completed && lastNoBuildApplied != null && !finalCallApplied) {
                    triggerRebuild(lastNoBuildApplied);
                }
                if (gradientAnswered) {
                    partners.recordPush(partnerId, clock.instant(), lastError);
                }
            } finally {
                leased.forEach(key -> ledger.releaseLease(key, leaseOwner));
            }
            count(Metric.PUSHES, pushed);
            count(Metric.UNMAPPED, unmapped);
            count(Metric.FAILURES, failed + retryable.size());
            count(Metric.THROTTLED_RETRIES, throttled);
            log.with("pushed", pushed).with("unmapped", unmapped).with("failed", failed).with("skipped", skipped)
                    .with("retryable", retryable.size()).with("needsKey", needsKey)
                    .info("pushed counts");
            return new PushReport(pushed, unmapped, failed, skipped, needsKey, retryable);
        }

        /** Reads each row (leasing it first in delta mode) and keeps those that need a push and can get one. */
        private List<Item> prepare(List<UsageRowKey> rows) {
            List<Item> items = new ArrayList<>();
            for (UsageRowKey key : rows) {
                if (mode == PushMode.DELTA) {
                    Instant now = clock.instant();
                    Duration hold = Duration.between(now, deadline).plus(LEASE_MARGIN);
                    if (!ledger.acquireLease(key, leaseOwner, hold.isNegative() ? LEASE_MARGIN : hold, now)) {
                        retryable.add(key); // another worker is pushing it right now
                        continue;
                    }
                    leased.add(key);
                }
                Optional<LedgerRow> row = ledger.get(key);
                if (row.isEmpty() || !row.get().needsPush()) {
                    skipped++;
                    continue;
                }
                if (removedFromCatalog(key)) {
                    skipped++;
                    log.with("serviceKey", key.service().value())
                            .warn("the service is no longer in the catalog: its row is kept and not pushed");
                    continue;
                }
                Optional<String> serviceId = catalog.gradientServiceId(key.service());
                if (serviceId.isEmpty()) {
                    record(row.get(), gradientCount(row.get()), PushState.FAILED, Optional.of(SERVICE_NOT_CREATED));
                    failed++;
                    continue;
                }
                items.add(new Item(row.get(), serviceId.get()));
            }
            return items;
        }

        private Next pushItem(Item item, boolean noBuild) {
            LedgerRow row = item.row();
            JsonLog rowLog = log.with("accountId", row.key().accountId().value()).with("serviceKey", row.key().service().value());
            boolean absolute = false;
            for (int attempt = 0; ; attempt++) {
                CountOutcome outcome;
                try {
                    outcome = send(item.serviceId(), row, noBuild, absolute);
                    gradientAnswered = true;
                } catch (Fenced fenced) {
                    // Nothing was sent. The row is not recorded, so it still needs a push.
                    if (fenced.reason() == Fenced.Reason.DISCONNECTED) {
                        skipped++;
                        rowLog.info("partner disconnected meanwhile; no more pushes for it");
                        return Next.STOP_AND_SKIP_REST;
                    }
                    retryable.add(row.key());
                    rowLog.warn("the partner's new key cannot be read yet; left for redelivery");
                    return Next.STOP_AND_RETRY_REST;
                } catch (UnauthorizedException e) {
                    // The fenced session already re-read the record: the rejected key is still the current one.
                    // The row is not recorded: it keeps needing a push, and the sync a new key queues pushes it.
                    gradientAnswered = true;
                    needsKey = true;
                    skipped++;
                    partners.markNeedsKey(partnerId, session.fingerprint(), "Gradient rejected the partner key (401)",
                            clock.instant());
                    rowLog.warn("Gradient rejected the partner key; pushes for this partner stop until a new key", e);
                    return Next.STOP_AND_SKIP_REST;
                } catch (ForbiddenException e) {
                    gradientAnswered = true;
                    fail(row, e, true);
                    rowLog.warn("Gradient answered 403; pushes for this partner stop for now", e);
                    return Next.STOP_AND_RETRY_REST;
                } catch (RateLimitedException | ServerErrorException | GradientConnectionException e) {
                    gradientAnswered |= e.status() > 0;
                    if (e instanceof RateLimitedException) {
                        throttled++;
                    }
                    fail(row, e, true);
                    rowLog.with("status", e.status()).warn("push failed after the client's retries; left for redelivery", e);
                    return Next.STOP_AND_RETRY_REST;
                } catch (GradientException e) {
                    gradientAnswered = true;
                    fail(row, e, false);
                    rowLog.with("status", e.status()).warn("push rejected; recorded as failed", e);
                    return Next.CONTINUE;
                }
                if (outcome instanceof CountOutcome.NotMapped) {
                    record(row, gradientCount(row), PushState.UNMAPPED, Optional.of("not mapped in Gradient (404)"));
                    unmapped++;
                    return Next.CONTINUE;
                }
                recordActivation();
                if (noBuild) {
                    lastNoBuildApplied = new Item(row, item.serviceId());
                } else {
                    finalCallApplied = true;
                }
                if (record(row, gradientCount(row), PushState.PUSHED, Optional.empty())) {
                    pushed++;
                    return Next.CONTINUE;
                }
                // A newer attempt was recorded meanwhile; ours may have landed after it with an older count.
                Optional<LedgerRow> fresh = ledger.get(row.key());
                if (fresh.isEmpty() || fresh.get().version() == row.version()) {
                    pushed++; // the newer record is for this same version, i.e. this same count
                    return Next.CONTINUE;
                }
                if (attempt >= MAX_REPUSHES) {
                    retryable.add(row.key());
                    return Next.CONTINUE;
                }
                row = fresh.get();
                absolute = true; // after a lost race only an absolute set is safe
            }
        }

        private CountOutcome send(String serviceId, LedgerRow row, boolean noBuild, boolean forceAbsolute) {
            String accountId = row.key().accountId().value();
            BigDecimal count = gradientCount(row).value();
            if (mode == PushMode.DELTA && !forceAbsolute && row.pushState() == PushState.PUSHED
                    && row.pushedCount().isPresent()) {
                BigDecimal delta = count.subtract(row.pushedCount().get().value());
                if (delta.signum() != 0
                        && record(row, row.pushedCount().get(), PushState.FAILED,
                        Optional.of("delta push in flight; outcome unknown until recorded"))) {
                    return delta.signum() > 0
                            ? session.addToUnitCount(serviceId, accountId, delta, noBuild)
                            : session.subtractFromUnitCount(serviceId, accountId, delta.negate(), noBuild);
                }
            }
            return session.setUnitCount(serviceId, accountId, count, noBuild);
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
        private void recordActivation() {
            if (!activationRecorded && session.record().status() == PartnerStatus.PENDING) {
                activationRecorded = true;
                partners.markActive(partnerId, session.fingerprint(), clock.instant());
            }
        }

        private void fail(LedgerRow row, GradientException e, boolean retry) {
            String error = e.status() > 0 ? "Gradient answered " + e.status() : "Gradient unreachable";
            if (!e.gradientMessage().isEmpty()) {
                error += ": " + e.gradientMessage();
            }
            lastError = Optional.of(error);
            record(row, gradientCount(row), PushState.FAILED, lastError);
            if (retry) {
                retryable.add(row.key());
            } else {
                failed++;
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
