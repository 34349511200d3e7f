package io.gradientconnector.app.sync;

import io.gradientconnector.app.alerts.WaitingAlerts;

import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.FencedSession;
import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.app.fence.KeyRetirement;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.port.PartnerLocks;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UnexpectedStatusException;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.app.usage.CountPusher;
import io.gradientconnector.app.usage.PushReport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.gradientconnector.domain.ServiceKey;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The account sync of one partner (one sync-queue message): keeps Gradient's picture of the
 * partner's customers and of the vendor's services true, then re-pushes the ledger rows Gradient
 * may not hold. In order:
 * <ol>
 *   <li>the integration: {@code GET organization} (also the key check); an {@code inactive}
 *       integration is set {@code pending} (we hold a working key, so the partner is connected on
 *       the vendor side: after an upstream disconnect the MSP must be able to map again), an
 *       {@code active} one is never touched; status and organization are stored when they changed;</li>
 *   <li>services: catalog SKUs Gradient lacks are created ({@link ServiceSync});</li>
 *   <li>accounts: missing ones created in bulk, renamed ones updated, mapped state recorded
 *       ({@link AccountSync}); if accounts the connector had created are gone, every ledger row is
 *       forgotten as pushed so that the counts go back once the MSP maps again;</li>
 *   <li>re-push through {@link CountPusher}: every row that needs a push, except unmapped rows of
 *       accounts Gradient still reports unmapped (they would only get another 404).</li>
 * </ol>
 * An unchanged partner costs two Gradient requests (organization, accounts) whatever its size.
 *
 * <p>Every call goes through a {@link FencedSession}: the partner record is read before each call, so
 * a key stored by another container is used from the next call, and a disconnection stops the sync
 * before its next call ({@link SyncOutcome.Skipped}). Setting {@code pending} also holds the partner
 * lock (see {@link #setPending}). A partner DISCONNECTED whose {@code inactive} call failed is not
 * synced: the sync retries that call instead ({@link KeyRetirement#retryRetire}).
 *
 * <p>A 401 anywhere marks the partner NEEDS_KEY (only once the fenced session has re-read the
 * record and found the rejected key still current, and guarded by the key's fingerprint) and is a
 * finished outcome, not a failure to retry. Every other Gradient failure left after the client's
 * own retries is {@link SyncOutcome.Failed}. Store and queue failures propagate.
 *
 * <p>Thread-safe (stateless apart from its thread-safe collaborators).
 */
public final class PartnerSync {
    private final ConnectorStores stores;
    private final CountPusher pusher;
    private final Clock clock;
    private final ServiceSync services;
    private final AccountSync accounts;
    private final PartnerLocks locks;
    private final FencedSessions sessions;
    private final KeyRetirement retirement;
    private final WaitingAlerts waitingAlerts;
    private final ServiceCatalog catalog;

    private PartnerSync(Builder builder) {
        this.waitingAlerts = builder.waitingAlerts;
        this.stores = builder.stores;
        this.pusher = builder.pusher;
        this.clock = builder.clock;
        this.locks = builder.locks;
        this.sessions = new FencedSessions(stores.partners(), builder.keyVault, builder.gradient);
        this.retirement = new KeyRetirement(stores.partners(), stores.accounts(), stores.ledger(), builder.keyVault,
                builder.gradient, locks, clock);
        this.catalog = builder.catalog;
        this.services = new ServiceSync(builder.catalog, stores.catalog(), builder.clock);
        this.accounts = new AccountSync(stores.accounts(), builder.gradient.accountChunkSize());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Syncs one partner. No Gradient call (or retry) starts after {@code deadline}; a sync that runs
     * into it, or whose re-push leaves retryable rows, is {@link SyncOutcome.Failed} (retryable), and
     * the next attempt picks up where the stored state says.
     */
    public SyncOutcome sync(PartnerId partnerId, Instant deadline) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(deadline, "deadline");
        Optional<PartnerRecord> found = stores.partners().get(partnerId);
        if (found.isEmpty()) {
            return new SyncOutcome.Skipped("the partner is not connected");
        }
        PartnerRecord partner = found.get();
        if (partner.status() == PartnerStatus.DISCONNECTED && partner.retiredKeyFingerprint().isPresent()) {
            return retryInactive(partnerId, deadline);
        }
        if (partner.status() == PartnerStatus.NEEDS_KEY || partner.status() == PartnerStatus.DISCONNECTED) {
            return new SyncOutcome.Skipped("the partner's status is " + partner.status());
        }
        FencedSession session;
        try {
            session = sessions.open(partner, deadline);
        } catch (Fenced fenced) {
            return fenced.reason() == Fenced.Reason.DISCONNECTED
                    ? new SyncOutcome.Skipped("the partner is not connected") // a disconnect raced this sync
                    : failed(partnerId, "the partner's current key could not be read yet", true);
        } catch (KeyVaultException e) {
            return failed(partnerId, "the vendor key could not be read from the key vault", true);
        } catch (IllegalArgumentException e) {
            // GradientCredentials names the offending key ("vendorKey"/"partnerKey") and never its value.
            return failed(partnerId, "a stored key is unusable: " + e.getMessage(), false);
        }
        try {
            SyncReport report = run(partner, session, deadline);
            if (report.pushes().partnerNeedsKey()) {
                return new SyncOutcome.NeedsKey(true); // the pusher marked the partner itself
            }
            if (waitingAlerts != null) {
                // Accounts are in step and the key works: alerts parked as unmapped or waiting for a key go again.
                waitingAlerts.requeue(partnerId);
            }
            if (!report.pushes().retryable().isEmpty()) {
                // Accounts are in step; the redelivered message retries only these rows' pushes.
                return failed(partnerId, report.pushes().retryable().size()
                        + " ledger rows could not be pushed yet (rate limit, server error or deadline)", true);
            }
            stores.partners().recordSync(partnerId, clock.instant(), Optional.empty());
            return new SyncOutcome.Synced(report);
        } catch (UnauthorizedException e) {
            // The fenced session re-read the record first: the rejected key is still the one it names.
            boolean marked = stores.partners().markNeedsKey(partnerId, session.fingerprint(),
                    "Gradient rejected the partner key (401) during an account sync", clock.instant());
            return new SyncOutcome.NeedsKey(marked);
        } catch (Fenced fenced) {
            return fenced.reason() == Fenced.Reason.DISCONNECTED
                    ? new SyncOutcome.Skipped("the partner disconnected during the sync; no call was made after it")
                    : failed(partnerId, "the partner's new key could not be read yet", true);
        } catch (LockBusy busy) {
            return failed(partnerId, "a key submission or disconnection is in progress", true);
        } catch (GradientException e) {
            return failed(partnerId, describe(e), KeyRetirement.retryable(e));
        }
    }

    private SyncReport run(PartnerRecord partner, FencedSession session, Instant deadline) {
        PartnerId partnerId = partner.partnerId();
        Integration integration = requireStatus(session.getIntegration());
        boolean setPending = integration.status() == IntegrationStatus.INACTIVE;
        if (setPending) {
            integration = setPending(partnerId, session);
        }
        recordIntegration(session.record(), integration);

        int servicesCreated = services.ensureServices(session);
        AccountSync.Result accountResult = accounts.reconcile(partnerId, session);
        if (accountResult.recreated()) {
            stores.ledger().forgetPushes(partnerId);
        }
        Map<ServiceKey, Integer> removed = new TreeMap<>();
        PushReport pushes = repush(partnerId, accountResult.mappedIds(), removed, deadline);
        return new SyncReport(servicesCreated, accountResult.created(), accountResult.renamed(), accountResult.mapped(),
                accountResult.unmapped(), accountResult.recreated(), integration.status(), setPending, pushes,
                removed);
    }

    /**
     * {@code inactive} → {@code pending} under the partner's lock, which a disconnection holds while it fences the
     * record and sets {@code inactive}: the fence check inside the lock then either sees the disconnection (no call) or
     * comes wholly before it (its {@code inactive} lands last). So a sync can never leave Gradient pending behind a
     * DELETE.
     */
    private Integration setPending(PartnerId partnerId, FencedSession session) {
        String owner = "sync-" + UUID.randomUUID();
        if (!locks.tryAcquire(partnerId, owner, clock.instant(), KeyRetirement.LOCK_TTL)) {
            throw new LockBusy();
        }
        try {
            return requireStatus(session.updateStatus(IntegrationStatus.PENDING)); // checks the fence first
        } finally {
            locks.release(partnerId, owner);
        }
    }

    /** A disconnection could not set Gradient inactive: try again (the only call made with a retired key). */
    private SyncOutcome retryInactive(PartnerId partnerId, Instant deadline) {
        Optional<KeyRetirement.Retired> retired = retirement.retryRetire(partnerId, deadline);
        if (retired.isEmpty()) {
            return new SyncOutcome.Failed("a key submission or disconnection is in progress", true);
        }
        if (retired.get().willRetry()) {
            return new SyncOutcome.Failed(retired.get().inactiveFailure().orElse("set inactive failed"), true);
        }
        return new SyncOutcome.Skipped("the partner is disconnected; its Gradient integration was set inactive"
                + retired.get().inactiveFailure().map(f -> " (or cannot be: " + f + ")").orElse(""));
    }

    /** The partner's lock is held by a key submission or disconnection. */
    private static final class LockBusy extends RuntimeException {
        LockBusy() {
            super("the partner's lock is held", null, false, false);
        }
    }

    /**
     * Pushes the rows that need it; rows of services no longer in the catalog are counted into {@code removed}
     * instead (kept in the ledger, never pushed; their Gradient services are left alone).
     */
    private PushReport repush(PartnerId partnerId, Set<AccountId> mapped, Map<ServiceKey, Integer> removed,
                              Instant deadline) {
        List<UsageRowKey> rows = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<LedgerRow> page = stores.ledger().listNeedingPush(partnerId, cursor, Page.MAX_LIMIT);
            for (LedgerRow row : page.items()) {
                if (!catalog.contains(row.key().service())) {
                    removed.merge(row.key().service(), 1, Integer::sum);
                    continue;
                }
                if (row.pushState() == PushState.UNMAPPED && !mapped.contains(row.key().accountId())) {
                    continue; // Gradient would answer 404 again; retried once the MSP maps the account
                }
                rows.add(row.key());
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return rows.isEmpty() ? SyncReport.nothingPushed() : pusher.push(partnerId, rows, deadline);
    }

    /** Stores Gradient's status and organization when they changed; a concurrent portal save wins. */
    private void recordIntegration(PartnerRecord read, Integration integration) {
        PartnerStore partners = stores.partners();
        PartnerRecord current = read;
        for (int attempt = 0; attempt < 3 && current != null; attempt++) {
            if (current.status() != PartnerStatus.PENDING && current.status() != PartnerStatus.ACTIVE) {
                return; // disconnected or marked meanwhile: not this sync's business any more
            }
            PartnerStatus local = switch (integration.status()) {
                case ACTIVE -> PartnerStatus.ACTIVE;
                case PENDING -> PartnerStatus.PENDING;
                default -> current.status();
            };
            if (local == current.status()
                    && current.gradientStatus().equals(Optional.of(integration.status().wireValue()))
                    && same(current.organizationId(), integration.organizationId())
                    && same(current.organizationName(), integration.name())
                    && same(current.integrationId(), integration.integrationId())) {
                return;
            }
            PartnerRecord next = current.toBuilder()
                    .status(local)
                    .gradientStatus(integration.status().wireValue())
                    .organizationId(integration.organizationId())
                    .organizationName(integration.name())
                    .integrationId(integration.integrationId())
                    .updatedAt(clock.instant())
                    .build();
            if (partners.save(next) instanceof SaveResult.Saved) {
                return;
            }
            current = partners.get(read.partnerId()).orElse(null);
        }
    }

    private static Integration requireStatus(Integration integration) {
        if (integration.status() == null) {
            throw new UnexpectedStatusException(200, "GET /api/vendor-api/organization", "the integration has no status");
        }
        return integration;
    }

    private static boolean same(Optional<String> stored, String fromGradient) {
        return stored.equals(Optional.ofNullable(fromGradient));
    }

    private SyncOutcome failed(PartnerId partnerId, String reason, boolean retryable) {
        stores.partners().recordSync(partnerId, clock.instant(), Optional.of(reason));
        return new SyncOutcome.Failed(reason, retryable);
    }

    /** Route, status and type: what an operator needs, nothing Gradient echoed from the request. */
    private static String describe(GradientException e) {
        String status = e.status() == 0 ? "no response" : Integer.toString(e.status());
        return "Gradient " + e.route() + " failed (" + status + ", " + e.getClass().getSimpleName() + ")";
    }

    /** {@link #build()} requires every collaborator. Not thread-safe. */
    public static final class Builder {
        private ConnectorStores stores;
        private KeyVault keyVault;
        private Gradient gradient;
        private ServiceCatalog catalog;
        private CountPusher pusher;
        private Clock clock;
        private PartnerLocks locks;
        private WaitingAlerts waitingAlerts;

        private Builder() {
        }

        /** Optional: queues the partner's waiting alerts again after each successful account sync. */
        public Builder waitingAlerts(WaitingAlerts value) {
            this.waitingAlerts = value;
            return this;
        }

        /** The partner lock that key submissions and disconnections take. */
        public Builder locks(PartnerLocks value) {
            this.locks = value;
            return this;
        }

        public Builder stores(ConnectorStores value) {
            this.stores = value;
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

        public Builder catalog(ServiceCatalog value) {
            this.catalog = value;
            return this;
        }

        public Builder pusher(CountPusher value) {
            this.pusher = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public PartnerSync build() {
            Objects.requireNonNull(stores, "stores is required");
            Objects.requireNonNull(keyVault, "keyVault is required");
            Objects.requireNonNull(gradient, "gradient is required");
            Objects.requireNonNull(catalog, "catalog is required");
            Objects.requireNonNull(pusher, "pusher is required");
            Objects.requireNonNull(clock, "clock is required");
            Objects.requireNonNull(locks, "locks is required");
            return new PartnerSync(this);
        }
    }
}
