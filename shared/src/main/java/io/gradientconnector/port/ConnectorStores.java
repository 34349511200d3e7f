package io.gradientconnector.port;



import java.util.Objects;

/**
 * Every store of the connector's one table, wired together: the composition root takes what it needs from here.
 * The DynamoDB adapter builds the production set ({@code DynamoDbStores}); tests build an in-memory set whose
 * account store, ledger and journal share one state, as they share one table in DynamoDB. Every store method
 * fails with {@link StoreUnavailableException} when the table cannot be used, never with a library's exception.
 */
public record ConnectorStores(
        PartnerStore partners,
        AccountStore accounts,
        CatalogStore catalog,
        UsageLedger ledger,
        EventJournal journal) {

    public ConnectorStores {
        Objects.requireNonNull(partners, "partners");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(journal, "journal");
    }
}
