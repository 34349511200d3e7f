package io.gradientconnector.store;

import io.gradientconnector.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every store of the connector's one table, wired together: the composition roots take what they
 * need from here. {@link #dynamoDb} for the functions, {@link #inMemory} for tests and fakes (its
 * account store, ledger and journal share one state, as they share one table in DynamoDB).
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

    public static ConnectorStores dynamoDb(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl) {
        return new ConnectorStores(
                new DynamoDbPartnerStore(client, tableName),
                new DynamoDbAccountStore(client, tableName),
                new DynamoDbCatalogStore(client, tableName),
                new DynamoDbUsageLedger(client, tableName),
                new DynamoDbEventJournal(client, tableName, clock, dedupTtl));
    }

    public static ConnectorStores dynamoDb(DynamoDbClient client, Config config, Clock clock) {
        return dynamoDb(client, config.tableName(), clock, config.dedupTtl());
    }

    public static ConnectorStores inMemory(Clock clock, Duration dedupTtl) {
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
