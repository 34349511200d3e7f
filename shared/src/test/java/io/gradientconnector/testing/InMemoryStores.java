package io.gradientconnector.testing;

import io.gradientconnector.port.ConnectorStores;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Every store port in memory; the account store, ledger and journal share one state, as one table does. */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    /** The alert store sharing {@code stores}' state (the journal creates the alerts), as one table does. */
    public static InMemoryAlertStore alerts(ConnectorStores stores) {
        return new InMemoryAlertStore(((InMemoryEventJournal) stores.journal()).data());
    }

    public static ConnectorStores create(Clock clock, Duration dedupTtl) {
        InMemoryLedgerData data = new InMemoryLedgerData(Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(dedupTtl, "dedupTtl"));
        return new ConnectorStores(
                InMemoryPartnerStore.create(),
                new InMemoryAccountStore(data),
                InMemoryCatalogStore.create(),
                new InMemoryUsageLedger(data),
                new InMemoryEventJournal(data));
    }
}
