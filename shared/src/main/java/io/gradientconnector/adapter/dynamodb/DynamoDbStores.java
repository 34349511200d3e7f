package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.ServiceKey;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every store port over the connector's one DynamoDB table. */
public final class DynamoDbStores {

    private DynamoDbStores() {
    }

    /** Stores whose journal files every usage event under the row of its SKU (catalogs of plain entries only). */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl) {
        return create(client, tableName, clock, dedupTtl, Backoff.standard());
    }

    /** {@code backoff}: what the journal does between attempts that lost a write race. */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl,
                                         Backoff backoff) {
        return create(client, tableName, clock, dedupTtl, dedupTtl, UnaryOperator.identity(), backoff);
    }

    /** With alert items kept {@code alertTtl} after they were received. */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl,
                                         Duration alertTtl) {
        return create(client, tableName, clock, dedupTtl, alertTtl, UnaryOperator.identity());
    }

    /**
     * @param rowService the catalog service whose ledger row a SKU's usage changes ({@code ServiceCatalog::rowService})
     */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl,
                                         UnaryOperator<ServiceKey> rowService) {
        return create(client, tableName, clock, dedupTtl, dedupTtl, rowService);
    }

    /**
     * @param alertTtl   how long alert items are kept after they were received
     * @param rowService the catalog service whose ledger row a SKU's usage changes ({@code ServiceCatalog::rowService})
     */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl,
                                         Duration alertTtl, UnaryOperator<ServiceKey> rowService) {
        return create(client, tableName, clock, dedupTtl, alertTtl, rowService, Backoff.standard());
    }

    /**
     * @param alertTtl   how long alert items are kept after they were received
     * @param rowService the catalog service whose ledger row a SKU's usage changes ({@code ServiceCatalog::rowService})
     * @param backoff    what the journal does between attempts that lost a write race
     */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl,
                                         Duration alertTtl, UnaryOperator<ServiceKey> rowService, Backoff backoff) {
        return new ConnectorStores(
                new DynamoDbPartnerStore(client, tableName),
                new DynamoDbAccountStore(client, tableName),
                new DynamoDbCatalogStore(client, tableName),
                new DynamoDbUsageLedger(client, tableName),
                new DynamoDbEventJournal(client, tableName, clock, dedupTtl, alertTtl, rowService, backoff));
    }
}
