package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.EventJournalContract;

import io.gradientconnector.domain.EventId;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.Map;

import static io.gradientconnector.testing.TestEvents.add;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoDbEventJournalIT extends EventJournalContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    /** Small enough that the contract's 12-row deletion takes the chunked path; 100 in production. */
    private static final int SMALL_TRANSACTIONS = 5;

    private String table;

    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        table = AWS.createTable();
        ConnectorStores dynamo = DynamoDbStores.create(AWS.dynamoDb(), table, clock, DEDUP_TTL);
        return new ConnectorStores(dynamo.partners(), dynamo.accounts(), dynamo.catalog(), dynamo.ledger(),
                new DynamoDbEventJournal(AWS.dynamoDb(), table, clock, DEDUP_TTL, Backoff.standard(),
                        SMALL_TRANSACTIONS));
    }

    @Test
    void record_shouldWriteDedupRowWithTtl_whenEventApplied() {
        stores.journal().record(add("ttl-1", partner, "a", "backup-server", "1", 1));

        Map<String, AttributeValue> item = AWS.dynamoDb().getItem(GetItemRequest.builder().tableName(table)
                .key(Attributes.key(Keys.eventPk(EventId.of("ttl-1")), Keys.EVENT_SK)).build()).item();

        assertEquals(Long.toString(clock.instant().plus(DEDUP_TTL).getEpochSecond()), item.get(Keys.EXPIRES_AT).n());
        assertEquals("usage.add", item.get("type").s());
        assertEquals(partner.value(), item.get("partnerId").s());
    }
}
