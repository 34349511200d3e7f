package io.gradientconnector.testing;

import io.gradientconnector.port.ConnectorStores;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import io.gradientconnector.domain.ServiceKey;

/** Every store port in memory; the account store, ledger and journal share one state, as one table does. */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    /** The alert store sharing {@code stores}' state (the journal creates the alerts), as one table does. */
    public static InMemoryAlertStore alerts(ConnectorStores stores) {
        return new InMemoryAlertStore(((InMemoryEventJournal) stores.journal()).data());
    }

    /** Stores whose journal files each usage event under its SKU's own row (catalogs of plain entries). */
    public static ConnectorStores create(Clock clock, Duration dedupTtl) {
        return create(clock, dedupTtl, UnaryOperator.identity());
    }

    /** {@code rowService}: the catalog service whose row a SKU's usage changes ({@code ServiceCatalog::rowService}). */
    public static ConnectorStores create(Clock clock, Duration dedupTtl, UnaryOperator<ServiceKey> rowService) {
        InMemoryLedgerData data = new InMemoryLedgerData(Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(dedupTtl, "dedupTtl"));
        return new ConnectorStores(
                InMemoryPartnerStore.create(),
                new InMemoryAccountStore(data),
                InMemoryCatalogStore.create(),
                new InMemoryUsageLedger(data),
                new InMemoryEventJournal(data, Objects.requireNonNull(rowService, "rowService")));
    }
}
