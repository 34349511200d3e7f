package io.gradientconnector.app.partner;

import io.gradientconnector.port.PartnerLocks;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.UsageLedger;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Use case: the partner disconnects. Under the partner's lock: set the integration {@code inactive} in Gradient (best
 * effort: a failure is reported, not fatal), delete the key, forget the accounts' Gradient state and what was pushed
 * (Gradient deletes a disconnected partner's accounts, so a reconnect must recreate them and push every count again),
 * and finally mark the partner DISCONNECTED. That mark comes last, so an attempt that failed half-way is simply
 * repeated. Disconnecting a disconnected partner changes nothing. Thread-safe.
 */
public final class DisconnectPartner {
    private final PartnerStore partners;
    private final AccountStore accounts;
    private final UsageLedger ledger;
    private final KeyVault vault;
    private final Gradient gradient;
    private final PartnerLocks locks;
    private final Clock clock;

    DisconnectPartner(PartnerStore partners, AccountStore accounts, UsageLedger ledger, KeyVault vault,
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
     * @throws PartnerFailure.ChangeInProgress a key submission or another disconnection holds the lock
     */
    public Disconnected disconnect(PartnerId partnerId, Instant deadline) {
        PartnerRecord partner = partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        if (partner.status() == PartnerStatus.DISCONNECTED) {
            return new Disconnected(true, Optional.empty(), 0, 0);
        }
        String owner = UUID.randomUUID().toString();
        if (!locks.tryAcquire(partnerId, owner, clock.instant(), ConnectPartner.LOCK_TTL)) {
            throw new PartnerFailure.ChangeInProgress(partnerId);
        }
        try {
            Optional<String> inactiveFailure = setInactive(partnerId, deadline);
            vault.deletePartnerKey(partnerId);
            int cleared = accounts.clearGradientState(partnerId);
            int reset = ledger.forgetPushes(partnerId);
            partners.markDisconnected(partnerId, clock.instant());
            return new Disconnected(false, inactiveFailure, cleared, reset);
        } finally {
            locks.release(partnerId, owner);
        }
    }

    private Optional<String> setInactive(PartnerId partnerId, Instant deadline) {
        GradientCredentials credentials;
        try {
            Optional<Secret> key = vault.partnerKey(partnerId);
            if (key.isEmpty()) {
                return Optional.of("no partner key is stored");
            }
            credentials = new GradientCredentials(vault.vendorKey().reveal(), key.get().reveal());
        } catch (KeyVaultException unreadable) {
            return Optional.of("the keys could not be read from the secret store");
        }
        try {
            gradient.session(credentials, deadline).updateStatus(IntegrationStatus.INACTIVE);
            return Optional.empty();
        } catch (GradientException failure) {
            return Optional.of(PartnerFailure.shortReason(failure));
        }
    }
}
