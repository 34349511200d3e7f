package io.gradientconnector.app.partner;

import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.KeyRetirement;
import io.gradientconnector.port.PartnerLocks;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.port.StoreConflictException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Use case: a partner submits (or re-submits) its Gradient key ({@code PUT}). Everything happens under the partner's
 * lock ({@link PartnerLocks}), taken before anything else, so a refused request has changed nothing, here or in
 * Gradient (docs/GUARANTEES.md, section 3):
 *
 * <ol>
 *   <li>Take the lock; held by a concurrent submission or disconnection: {@link PartnerFailure.ChangeInProgress}
 *       (409), no call made.</li>
 *   <li>Verify the pair (vendor key, submitted key) with {@code GET /organization} (a read). A 401 is
 *       {@link PartnerFailure.KeyRejected} (422); any failure stores nothing.</li>
 *   <li>The organization check (section 6): if the partner holds a key (connected, or NEEDS_KEY) for another Gradient
 *       organization than the submitted key's, the request is refused with {@link PartnerFailure.OrganizationMismatch}
 *       (409) unless it says {@code move}. A move is a disconnection followed by a connection: the old integration is
 *       set {@code inactive} with the old key (a retryable failure refuses the move, 502/503, nothing stored; a 401 or
 *       other final answer is recorded and the move goes on), then the record is fenced and the accounts' Gradient
 *       state and pushes forgotten ({@link KeyRetirement#fence}). A disconnection of another organization still
 *       waiting to set {@code inactive} is finished the same way first.</li>
 *   <li>Set the integration {@code pending} unless Gradient says it is {@code active}.</li>
 *   <li>Put the key in the vault, then save the partner record with the key's fingerprint (the fence every other
 *       container checks before each call: from this save on, no call uses the old key). If the record cannot be
 *       saved the previous key is put back (or the new one deleted), so the vault and the record never disagree.</li>
 *   <li>Release the lock and queue an account sync, which re-pushes every ledger row not yet pushed at its current
 *       version (including rows a revoked key left pending). If the queue refuses, the answer is still a success
 *       ({@link Connected#syncQueued()} false): the hourly schedule syncs the partner.</li>
 * </ol>
 * A regenerated key of the same organization replaces the old one and keeps the accounts; a submission after
 * NEEDS_KEY or a disconnection reconnects. Thread-safe (stateless apart from its collaborators).
 */
public final class ConnectPartner {
    /** Longer than a Lambda invocation (30 s), so a live holder never loses the lock. */
    static final Duration LOCK_TTL = KeyRetirement.LOCK_TTL;
    static final int MAX_SAVE_ATTEMPTS = 3;

    private final PartnerStore partners;
    private final KeyVault vault;
    private final Gradient gradient;
    private final PartnerLocks locks;
    private final KeyRetirement retirement;
    private final SyncQueue syncQueue;
    private final PartnerViews views;
    private final Clock clock;

    ConnectPartner(PartnerStore partners, KeyVault vault, Gradient gradient, PartnerLocks locks,
                   KeyRetirement retirement, SyncQueue syncQueue, PartnerViews views, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.retirement = Objects.requireNonNull(retirement, "retirement");
        this.syncQueue = Objects.requireNonNull(syncQueue, "syncQueue");
        this.views = Objects.requireNonNull(views, "views");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a successful submission did.
     *
     * @param view        the integration view after it
     * @param reconnected the partner was unknown, disconnected or needed a key before, or moved
     * @param syncQueued  false when the sync queue refused the message (the schedule will sync)
     * @param moved       the partner was moved from another Gradient organization
     */
    public record Connected(PartnerView view, boolean reconnected, boolean syncQueued, boolean moved) {
        public Connected(PartnerView view, boolean reconnected, boolean syncQueued) {
            this(view, reconnected, syncQueued, false);
        }
    }

    /** {@link #connect(PartnerId, Secret, boolean, Instant)} without permission to move. */
    public Connected connect(PartnerId partnerId, Secret key, Instant deadline) {
        return connect(partnerId, key, false, deadline);
    }

    /**
     * Verifies and stores {@code key} as the partner's Gradient key.
     *
     * @param move the request allows moving the partner to another Gradient organization
     * @throws PartnerFailure.ChangeInProgress     another submission or disconnection holds the lock; nothing done
     * @throws PartnerFailure.KeyRejected          Gradient answered 401; nothing stored
     * @throws PartnerFailure.OrganizationMismatch the key belongs to another organization and {@code move} is false;
     *                                             nothing stored, no Gradient write
     * @throws PartnerFailure.GradientFailed       Gradient refused, throttled or was down past the retries
     */
    public Connected connect(PartnerId partnerId, Secret key, boolean move, Instant deadline) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(key, "key");
        String owner = UUID.randomUUID().toString();
        if (!locks.tryAcquire(partnerId, owner, clock.instant(), LOCK_TTL)) {
            throw new PartnerFailure.ChangeInProgress(partnerId);
        }
        PartnerRecord saved;
        boolean reconnected;
        boolean moved;
        Integration integration;
        try {
            GradientCredentials credentials = new GradientCredentials(vault.vendorKey().reveal(), key.reveal());
            PartnerSession session = gradient.session(credentials, deadline);
            Integration found = verify(session);
            Optional<PartnerRecord> before = partners.get(partnerId);
            moved = leaveOtherOrganization(partnerId, before, found, move, deadline);
            if (moved) {
                before = partners.get(partnerId);
            }
            reconnected = moved || before.map(p -> p.status() == PartnerStatus.DISCONNECTED
                    || p.status() == PartnerStatus.NEEDS_KEY).orElse(true);
            integration = markPending(session, found);
            // The key the record names (or the retired one a disconnection still needs), never a stale cached one:
            // if the record cannot be saved, exactly that key is put back.
            Optional<Secret> previousKey = before
                    .flatMap(p -> p.keyFingerprint().or(p::retiredKeyFingerprint))
                    .flatMap(fingerprint -> vault.partnerKey(partnerId, fingerprint));
            vault.putPartnerKey(partnerId, key);
            try {
                saved = save(partnerId, before, integration, key);
            } catch (RuntimeException recordNotSaved) {
                restore(partnerId, previousKey, recordNotSaved);
                throw recordNotSaved;
            }
        } finally {
            locks.release(partnerId, owner);
        }

        boolean queued = true;
        try {
            syncQueue.enqueue(new SyncRequest(partnerId, SyncReason.KEY_SUBMITTED));
        } catch (QueueException refused) {
            queued = false;
        }
        PartnerView.Gradient gradient = PartnerView.Gradient.reached(
                integration.status() == null ? null : integration.status().wireValue(), integration.name());
        return new Connected(views.view(saved, gradient), reconnected, queued, moved);
    }

    private static Integration verify(PartnerSession session) {
        try {
            return session.getIntegration();
        } catch (GradientException failure) {
            throw PartnerFailure.fromGradient(failure);
        }
    }

    /**
     * The organization check. Returns whether the partner was disconnected from another organization (a move);
     * throws {@link PartnerFailure.OrganizationMismatch} before any write when it holds a key for another organization
     * and the request does not allow the move.
     */
    private boolean leaveOtherOrganization(PartnerId partnerId, Optional<PartnerRecord> before, Integration submitted,
                                           boolean move, Instant deadline) {
        if (before.isEmpty() || before.get().organizationId().isEmpty() || submitted.organizationId() == null
                || before.get().organizationId().get().equals(submitted.organizationId())) {
            return false;
        }
        PartnerRecord current = before.get();
        Optional<String> oldKey = current.hasCurrentKey() ? current.keyFingerprint() : current.retiredKeyFingerprint();
        if (oldKey.isEmpty()) {
            return false; // disconnected and finished: a new connection may go anywhere
        }
        if (current.hasCurrentKey() && !move) {
            throw new PartnerFailure.OrganizationMismatch(partnerId);
        }
        try {
            retirement.setInactive(partnerId, oldKey.get(), deadline);
        } catch (GradientException failure) {
            if (KeyRetirement.retryable(failure)) {
                throw PartnerFailure.fromGradient(failure); // nothing stored; the partner stays where it was
            }
            // 401 (the old key was revoked), 403, other 4xx: no retry would set it inactive; go on with the move.
            partners.recordSync(partnerId, clock.instant(),
                    Optional.of("the previous Gradient organization could not be set inactive (HTTP "
                            + failure.status() + ")"));
        } catch (Fenced oldKeyGone) {
            // The old key is no longer stored: nothing can set the old integration inactive.
        }
        retirement.fence(partnerId);
        return true;
    }

    private static Integration markPending(PartnerSession session, Integration integration) {
        if (integration.status() == IntegrationStatus.ACTIVE) {
            return integration; // never downgrade an active integration
        }
        try {
            Integration updated = session.updateStatus(IntegrationStatus.PENDING);
            // Some answers carry no integration fields; keep what GET /organization said, with the new status.
            return new Integration(
                    first(updated.organizationId(), integration.organizationId()),
                    first(updated.name(), integration.name()),
                    first(updated.vendorId(), integration.vendorId()),
                    first(updated.vendorName(), integration.vendorName()),
                    first(updated.integrationId(), integration.integrationId()),
                    updated.status() != null ? updated.status() : IntegrationStatus.PENDING,
                    updated.lastSyncedAt() != null ? updated.lastSyncedAt() : integration.lastSyncedAt());
        } catch (GradientException failure) {
            throw PartnerFailure.fromGradient(failure);
        }
    }

    private PartnerRecord save(PartnerId partnerId, Optional<PartnerRecord> before, Integration integration,
                               Secret key) {
        Optional<PartnerRecord> current = before;
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            PartnerRecord.Builder next = current.map(PartnerRecord::toBuilder)
                    .orElseGet(() -> PartnerRecord.builder(partnerId, now));
            boolean freshConnection = current.map(p -> p.status() == PartnerStatus.DISCONNECTED).orElse(true)
                    || current.flatMap(PartnerRecord::connectedAt).isEmpty();
            if (freshConnection) {
                next.connectedAt(now);
            }
            PartnerRecord record = next
                    .status(integration.status() == IntegrationStatus.ACTIVE ? PartnerStatus.ACTIVE : PartnerStatus.PENDING)
                    .gradientStatus(integration.status() == null ? null : integration.status().wireValue())
                    .organizationId(integration.organizationId())
                    .organizationName(integration.name())
                    .integrationId(integration.integrationId())
                    .keyFingerprint(key.fingerprint())
                    .retiredKeyFingerprint(null) // this submission supersedes a disconnection still pending
                    .updatedAt(now)
                    .build();
            SaveResult result = partners.save(record);
            if (result instanceof SaveResult.Saved saved) {
                return saved.partner();
            }
            // A worker changed the status meanwhile (e.g. marked the old key rejected): re-read and decide again.
            current = partners.get(partnerId);
        }
        throw new StoreConflictException("the partner record kept changing while the key was being stored");
    }

    /** Puts the vault back as it was, so it matches the record that could not be replaced. */
    private void restore(PartnerId partnerId, Optional<Secret> previousKey, RuntimeException cause) {
        try {
            if (previousKey.isPresent()) {
                vault.putPartnerKey(partnerId, previousKey.get());
            } else {
                vault.deletePartnerKey(partnerId);
            }
        } catch (RuntimeException restoreFailed) {
            cause.addSuppressed(restoreFailed);
        }
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
