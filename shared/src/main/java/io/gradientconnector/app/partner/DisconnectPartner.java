package io.gradientconnector.app.partner;

import io.gradientconnector.app.fence.KeyRetirement;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerLocks;
import io.gradientconnector.port.PartnerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Use case: the partner disconnects ({@code DELETE}). Under the partner's lock ({@link KeyRetirement}):
 * <ol>
 *   <li>the fence: the record becomes DISCONNECTED and its key fingerprint is retired, in one version-guarded save.
 *       Every use case reads the record right before each Gradient call it starts, so from this write on no container
 *       starts a call with the old key;</li>
 *   <li>the accounts' Gradient state and what was pushed are forgotten (a reconnect recreates and re-pushes);</li>
 *   <li>{@code PATCH organization/status/inactive} with the retired key, the only call made with it after the fence.
 *       If it fails for a reason a retry can fix, the key stays in the vault and the record keeps the retired
 *       fingerprint, and the sync worker retries until Gradient is inactive; then the key is deleted.</li>
 * </ol>
 * A 409 (lock held) has written nothing. Disconnecting a disconnected partner changes nothing, except that it retries
 * a pending {@code inactive} call. Thread-safe.
 */
public final class DisconnectPartner {
    private final PartnerStore partners;
    private final KeyRetirement retirement;
    private final PartnerLocks locks;
    private final Clock clock;

    DisconnectPartner(PartnerStore partners, KeyRetirement retirement, PartnerLocks locks, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.retirement = Objects.requireNonNull(retirement, "retirement");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a disconnection did.
     *
     * @param alreadyDisconnected nothing was left to do
     * @param inactiveFailure     why Gradient's status could not be set {@code inactive}, when it could not
     * @param accountsCleared     accounts whose Gradient state was forgotten
     * @param rowsReset           ledger rows that will be pushed again after a reconnect
     */
    public record Disconnected(boolean alreadyDisconnected, Optional<String> inactiveFailure, int accountsCleared,
                               int rowsReset) {
    }

    /**
     * @throws PartnerFailure.NotConnected     the partner is unknown
     * @throws PartnerFailure.ChangeInProgress a key submission or another disconnection holds the lock (nothing written)
     */
    public Disconnected disconnect(PartnerId partnerId, Instant deadline) {
        PartnerRecord partner = partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        if (partner.status() == PartnerStatus.DISCONNECTED && partner.retiredKeyFingerprint().isEmpty()) {
            return new Disconnected(true, Optional.empty(), 0, 0);
        }
        String owner = UUID.randomUUID().toString();
        if (!locks.tryAcquire(partnerId, owner, clock.instant(), KeyRetirement.LOCK_TTL)) {
            throw new PartnerFailure.ChangeInProgress(partnerId);
        }
        try {
            KeyRetirement.Fence fence = retirement.fence(partnerId);
            KeyRetirement.Retired retired = retirement.retire(fence.record(), deadline);
            return new Disconnected(false, retired.inactiveFailure(), fence.accountsCleared(), fence.rowsReset());
        } finally {
            locks.release(partnerId, owner);
        }
    }
}
