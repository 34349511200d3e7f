package io.gradientconnector.app.partner;

import io.gradientconnector.port.AlertStore;
import java.util.Optional;

import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.app.fence.KeyRetirement;
import io.gradientconnector.port.PartnerLocks;

import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.port.gradient.Gradient;

import java.time.Clock;
import java.util.Objects;

/**
 * The portal's use cases, wired once from their ports (the partner-key handler's composition root and tests build it
 * with {@link #builder()}). Immutable and thread-safe.
 */
public record PartnerUseCases(
        ConnectPartner connect,
        DescribePartner describe,
        DisconnectPartner disconnect,
        RequestSync requestSync,
        ListPartnerClients listClients,
        ListPartnerAlerts listAlerts) {

    public PartnerUseCases {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(describe, "describe");
        Objects.requireNonNull(disconnect, "disconnect");
        Objects.requireNonNull(requestSync, "requestSync");
        Objects.requireNonNull(listClients, "listClients");
        Objects.requireNonNull(listAlerts, "listAlerts");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every port is required; {@link #build()} names the first one missing. Not thread-safe. */
    public static final class Builder {
        private PartnerStore partners;
        private AccountStore accounts;
        private UsageLedger ledger;
        private KeyVault vault;
        private Gradient gradient;
        private PartnerLocks locks;
        private SyncQueue syncQueue;
        private Clock clock;
        private AlertStore alerts;

        private Builder() {
        }

        /** Partners, accounts and ledger from one set of stores. */
        public Builder stores(ConnectorStores stores) {
            Objects.requireNonNull(stores, "stores");
            this.partners = stores.partners();
            this.accounts = stores.accounts();
            this.ledger = stores.ledger();
            return this;
        }

        public Builder partners(PartnerStore value) {
            this.partners = value;
            return this;
        }

        public Builder accounts(AccountStore value) {
            this.accounts = value;
            return this;
        }

        public Builder ledger(UsageLedger value) {
            this.ledger = value;
            return this;
        }

        public Builder vault(KeyVault value) {
            this.vault = value;
            return this;
        }

        public Builder gradient(Gradient value) {
            this.gradient = value;
            return this;
        }

        public Builder locks(PartnerLocks value) {
            this.locks = value;
            return this;
        }

        public Builder syncQueue(SyncQueue value) {
            this.syncQueue = value;
            return this;
        }

        /** Optional: the alerts the view counts and the alert listing reads (without it, none are shown). */
        public Builder alerts(AlertStore value) {
            this.alerts = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public PartnerUseCases build() {
            Objects.requireNonNull(partners, "partners is required");
            Objects.requireNonNull(accounts, "accounts is required");
            Objects.requireNonNull(ledger, "ledger is required");
            Objects.requireNonNull(vault, "vault is required");
            Objects.requireNonNull(gradient, "gradient is required");
            Objects.requireNonNull(locks, "locks is required");
            Objects.requireNonNull(syncQueue, "syncQueue is required");
            Objects.requireNonNull(clock, "clock is required");
            PartnerViews views = new PartnerViews(accounts, ledger, alerts);
            FencedSessions sessions = new FencedSessions(partners, vault, gradient);
            KeyRetirement retirement = new KeyRetirement(partners, accounts, ledger, vault, gradient, locks, clock);
            return new PartnerUseCases(
                    new ConnectPartner(partners, vault, gradient, locks, retirement, syncQueue, views, clock),
                    new DescribePartner(partners, sessions, views, clock),
                    new DisconnectPartner(partners, retirement, locks, clock),
                    new RequestSync(partners, syncQueue),
                    new ListPartnerClients(partners, sessions, clock),
                    new ListPartnerAlerts(partners, Optional.ofNullable(alerts)));
        }
    }
}
