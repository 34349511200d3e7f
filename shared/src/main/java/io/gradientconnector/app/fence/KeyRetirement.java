package io.gradientconnector.app.fence;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.PartnerLocks;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.StoreConflictException;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.IntegrationStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Disconnecting a partner's key, in the order that fences it (docs/GUARANTEES.md, sections 2 and 6):
 * <ol>
 *   <li>{@link #fence}: one version-guarded save makes the record DISCONNECTED and moves the key's fingerprint to
 *       {@code retiredKeyFingerprint}. From then on every {@link FencedSession} refuses to start a call, in every
 *       container, since each reads the record before each call.</li>
 *   <li>the accounts' Gradient state and what was pushed are forgotten (Gradient deletes a disconnected partner's
 *       accounts, so a reconnect recreates them and pushes every count again);</li>
 *   <li>{@link #retire}: {@code PATCH organization/status/inactive} with the retired key, the one call made with it
 *       after the fence. On success, or on an answer no retry can change (401, 403, another 4xx), the retired
 *       fingerprint is cleared and the key deleted from the vault; on a retryable failure (429, 5xx, no answer, the
 *       vault unreadable) both stay, and the sync worker retries ({@link #retryRetire}) until it succeeds.</li>
 * </ol>
 * Every step runs under the partner's lock ({@link PartnerLocks}), which a key submission also takes, so a retry can
 * never set inactive an integration a later PUT has set pending. Thread-safe.
 */
public final class KeyRetirement {
    /** Longer than a Lambda invocation (30 s), so a live holder never loses the lock. */
    public static final Duration LOCK_TTL = Duration.ofSeconds(60);
    static final int MAX_SAVE_ATTEMPTS = 5;

    private final PartnerStore partners;
    private final AccountStore accounts;
    private final UsageLedger ledger;
    private final KeyVault vault;
    private final Gradient gradient;
    private final PartnerLocks locks;
    private final Clock clock;

    public KeyRetirement(PartnerStore partners, AccountStore accounts, UsageLedger ledger, KeyVault vault,
                         Gradient gradient, PartnerLocks locks, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What retiring the key did.
     *
     * @param inactiveFailure why Gradient could not be set {@code inactive}, when it could not
     * @param willRetry       the failure is retryable: the key is kept and the sync worker retries
     */
    public record Retired(Optional<String> inactiveFailure, boolean willRetry) {
    }

    /**
     * What the fence write did.
     *
     * @param record          the record as stored after it
     * @param accountsCleared accounts whose Gradient state was forgotten
     * @param rowsReset       ledger rows that will be pushed again after a reconnect
     */
    public record Fence(PartnerRecord record, int accountsCleared, int rowsReset) {
    }

    /**
     * Call under the partner's lock. Writes the fence (DISCONNECTED, fingerprint retired), then forgets the accounts'
     * Gradient state and the pushes. A record already DISCONNECTED is not written again, but the accounts and pushes
     * are still forgotten (both are idempotent): an earlier attempt may have stored the fence and failed before them.
     */
    public Fence fence(PartnerId partnerId) {
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            PartnerRecord current = partners.get(partnerId).orElseThrow(
                    () -> new IllegalStateException("partner " + partnerId.value() + " is unknown"));
            if (current.status() == PartnerStatus.DISCONNECTED) {
                return new Fence(current, accounts.clearGradientState(partnerId), ledger.forgetPushes(partnerId));
            }
            PartnerRecord fenced = current.toBuilder()
                    .status(PartnerStatus.DISCONNECTED)
                    .retiredKeyFingerprint(current.keyFingerprint().orElse(null))
                    .keyFingerprint(null)
                    .updatedAt(clock.instant())
                    .build();
            if (partners.save(fenced) instanceof SaveResult.Saved saved) {
                int cleared = accounts.clearGradientState(partnerId);
                int reset = ledger.forgetPushes(partnerId);
                return new Fence(saved.partner(), cleared, reset);
            }
            // A worker marked the partner (NEEDS_KEY, ACTIVE) meanwhile: read again and fence that.
        }
        throw new StoreConflictException("the partner record kept changing while it was being disconnected");
    }

    /** Call under the partner's lock, after {@link #fence}: sets Gradient inactive with the retired key. */
    public Retired retire(PartnerRecord fenced, Instant deadline) {
        Optional<String> retired = fenced.retiredKeyFingerprint();
        if (fenced.status() != PartnerStatus.DISCONNECTED || retired.isEmpty()) {
            return new Retired(Optional.empty(), false);
        }
        try {
            setInactive(fenced.partnerId(), retired.get(), deadline);
            return finish(fenced, Optional.empty(), true);
        } catch (KeyVaultException unreadable) {
            return keep(fenced, "the keys could not be read from the secret store");
        } catch (Fenced keyGone) {
            // Nothing can set it inactive any more (the key is gone): record that and stop.
            return finish(fenced, Optional.of("the retired partner key is no longer stored"), false);
        } catch (GradientException failure) {
            String reason = "Gradient could not be set inactive: " + describe(failure);
            return retryable(failure) ? keep(fenced, reason) : finish(fenced, Optional.of(reason), false);
        }
    }

    /**
     * {@code PATCH organization/status/inactive} with the partner key of this fingerprint. Call under the partner's
     * lock, with a key that is being retired (by {@link #retire}, or by a key submission that moves the partner).
     *
     * @throws Fenced            the vault no longer holds that key ({@link Fenced.Reason#KEY_NOT_READABLE})
     * @throws KeyVaultException the vault failed
     * @throws GradientException Gradient refused or failed; {@link #retryable} says whether a retry may help
     */
    public void setInactive(PartnerId partnerId, String fingerprint, Instant deadline) {
        Secret key = vault.partnerKey(partnerId, fingerprint)
                .orElseThrow(() -> new Fenced(partnerId, Fenced.Reason.KEY_NOT_READABLE));
        GradientCredentials credentials = new GradientCredentials(vault.vendorKey().reveal(), key.reveal());
        gradient.session(credentials, deadline).updateStatus(IntegrationStatus.INACTIVE);
    }

    /** 429, 5xx, no answer: a later attempt may succeed. 401, 403 and other answers will not change. */
    public static boolean retryable(GradientException failure) {
        return failure.retryable() || failure instanceof GradientConnectionException;
    }

    /**
     * The sync worker's retry of a disconnection whose {@code inactive} call failed: takes the partner's lock (busy:
     * empty, try later), re-reads the record and retires its key if it is still DISCONNECTED with one to retire.
     */
    public Optional<Retired> retryRetire(PartnerId partnerId, Instant deadline) {
        String owner = UUID.randomUUID().toString();
        if (!locks.tryAcquire(partnerId, owner, clock.instant(), LOCK_TTL)) {
            return Optional.empty();
        }
        try {
            Optional<PartnerRecord> current = partners.get(partnerId);
            return current.map(record -> retire(record, deadline));
        } finally {
            locks.release(partnerId, owner);
        }
    }

    /** Clears the retired fingerprint and deletes the key (under the partner's lock, so the stored key is the retired one). */
    private Retired finish(PartnerRecord fenced, Optional<String> failure, boolean succeeded) {
        PartnerRecord current = fenced;
        for (int attempt = 1; attempt <= MAX_SAVE_ATTEMPTS; attempt++) {
            if (current.status() != PartnerStatus.DISCONNECTED || current.retiredKeyFingerprint().isEmpty()) {
                break; // reconnected or finished meanwhile (only under another lock holder: not expected)
            }
            PartnerRecord done = current.toBuilder().retiredKeyFingerprint(null).updatedAt(clock.instant()).build();
            if (partners.save(done) instanceof SaveResult.Saved) {
                try {
                    vault.deletePartnerKey(fenced.partnerId());
                } catch (KeyVaultException notDeleted) {
                    // The record names no key any more, so nothing uses it; a later submission overwrites it.
                    failure = Optional.of(failure.map(f -> f + "; ").orElse("")
                            + "the retired key could not be deleted from the secret store");
                    succeeded = false;
                }
                break;
            }
            current = partners.get(fenced.partnerId()).orElse(null);
            if (current == null) {
                break;
            }
        }
        if (!succeeded) {
            partners.recordSync(fenced.partnerId(), clock.instant(), failure);
        }
        return new Retired(failure, false);
    }

    private Retired keep(PartnerRecord fenced, String reason) {
        partners.recordSync(fenced.partnerId(), clock.instant(), Optional.of(reason));
        return new Retired(Optional.of(reason), true);
    }

    private static String describe(GradientException e) {
        return e.status() == 0 ? "no answer" : "HTTP " + e.status();
    }
}
