package io.gradientconnector.app.partner;

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
 * Use case: a partner submits (or re-submits) its Gradient key.
 *
 * <ol>
 *   <li>Verify the pair (vendor key, submitted key) with {@code GET /organization}; set the integration
 *       {@code pending} unless Gradient says it is {@code active}. Any failure here stores nothing.</li>
 *   <li>Under the partner's lock ({@link PartnerLocks}; a concurrent submission or disconnection gets
 *       {@link PartnerFailure.ChangeInProgress}): put the key in the vault, then save the partner record with the
 *       key's fingerprint. If the record cannot be saved the previous key is put back (or the new one deleted), so
 *       the vault and the record never disagree about which key is current.</li>
 *   <li>Queue an account sync. If the queue refuses, the answer is still a success ({@link Connected#syncQueued()}
 *       false): everything is stored and the hourly schedule syncs the partner.</li>
 * </ol>
 * A regenerated key replaces the old one and keeps the accounts; a submission after NEEDS_KEY or a disconnection
 * reconnects. Thread-safe (stateless apart from its collaborators).
 */
public final class ConnectPartner {
    /** Longer than a Lambda invocation (30 s), so a live holder never loses the lock. */
    static final Duration LOCK_TTL = Duration.ofSeconds(60);
    static final int MAX_SAVE_ATTEMPTS = 3;

    private final PartnerStore partners;
    private final KeyVault vault;
    private final Gradient gradient;
    private final PartnerLocks locks;
    private final SyncQueue syncQueue;
    private final PartnerViews views;
    private final Clock clock;

    ConnectPartner(PartnerStore partners, KeyVault vault, Gradient gradient, PartnerLocks locks,
                   SyncQueue syncQueue, PartnerViews views, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.syncQueue = Objects.requireNonNull(syncQueue, "syncQueue");
        this.views = Objects.requireNonNull(views, "views");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a successful submission did.
     *
     * @param view        the integration view after it
     * @param reconnected the partner was unknown, disconnected or needed a key before
     * @param syncQueued  false when the sync queue refused the message (the schedule will sync)
     */
    public record Connected(PartnerView view, boolean reconnected, boolean syncQueued) {
    }

    /**
     * Verifies and stores {@code key} as the partner's Gradient key.
     *
     * @throws PartnerFailure.KeyRejected      Gradient answered 401; nothing stored
     * @throws PartnerFailure.GradientFailed   Gradient refused, throttled or was down past the retries; nothing stored
     * @throws PartnerFailure.ChangeInProgress another submission or disconnection holds the partner's lock
     */
    public Connected connect(PartnerId partnerId, Secret key, Instant deadline) {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(key, "key");
        GradientCredentials credentials = new GradientCredentials(vault.vendorKey().reveal(), key.reveal());
        Integration integration = verifyAndMarkPending(credentials, deadline);

        String owner = UUID.randomUUID().toString();
        if (!locks.tryAcquire(partnerId, owner, clock.instant(), LOCK_TTL)) {
            throw new PartnerFailure.ChangeInProgress(partnerId);
        }
        PartnerRecord saved;
        boolean reconnected;
        try {
            Optional<PartnerRecord> before = partners.get(partnerId);
            reconnected = before.map(p -> p.status() == PartnerStatus.DISCONNECTED
                    || p.status() == PartnerStatus.NEEDS_KEY).orElse(true);
            Optional<Secret> previousKey = vault.partnerKey(partnerId);
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
        return new Connected(views.view(saved, gradient), reconnected, queued);
    }

    private Integration verifyAndMarkPending(GradientCredentials credentials, Instant deadline) {
        try {
            PartnerSession session = gradient.session(credentials, deadline);
            Integration integration = session.getIntegration();
            if (integration.status() == IntegrationStatus.ACTIVE) {
                return integration; // never downgrade an active integration
            }
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
