package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.ConnectorStores;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Every store port over the connector's one DynamoDB table. */
public final class DynamoDbStores {

    private DynamoDbStores() {
    }

    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl) {
        return create(client, tableName, clock, dedupTtl, Backoff.standard());
    }

    /** {@code backoff}: what the journal does between attempts that lost a write race. */
    public static ConnectorStores create(DynamoDbClient client, String tableName, Clock clock, Duration dedupTtl,
                                         Backoff backoff) {
        return new ConnectorStores(
                new DynamoDbPartnerStore(client, tableName),
                new DynamoDbAccountStore(client, tableName),
                new DynamoDbCatalogStore(client, tableName),
                new DynamoDbUsageLedger(client, tableName),
                new DynamoDbEventJournal(client, tableName, clock, dedupTtl, backoff));
    }
}
