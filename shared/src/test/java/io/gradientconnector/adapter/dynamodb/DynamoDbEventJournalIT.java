package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.EventJournalContract;

import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.List;
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
                        SMALL_TRANSACTIONS, ROUTING));
    }

    @Test
    void record_shouldWriteDedupRowWithTtl_whenEventApplied() {
        stores.journal().record(add("ttl-1", partner, "a", "backup-server", "1", 1));

        Map<String, AttributeValue> item = AWS.dynamoDb().getItem(GetItemRequest.builder().tableName(table)
                .key(Attributes.key(Keys.eventPk(partner, EventId.of("ttl-1")), Keys.EVENT_SK)).build()).item();

        assertEquals(Long.toString(clock.instant().plus(DEDUP_TTL).getEpochSecond()), item.get(Keys.EXPIRES_AT).n());
        assertEquals("usage.add", item.get("type").s());
        assertEquals(partner.value(), item.get("partnerId").s());
    }

    @Test
    void record_shouldReportDuplicate_whenThePreviousReleaseRecordedTheEventForThisPartner() {
        putLegacyDedupRow("old-1", partner.value(), clock.instant().plus(DEDUP_TTL).getEpochSecond());
        putLegacyDedupRow("old-2", "another-partner", clock.instant().plus(DEDUP_TTL).getEpochSecond());
        putLegacyDedupRow("old-3", partner.value(), clock.instant().minusSeconds(1).getEpochSecond());

        assertEquals(RecordOutcome.DUPLICATE, stores.journal().record(add("old-1", partner, "a", "backup-server", "1", 1)).outcome());
        assertEquals(RecordOutcome.APPLIED, stores.journal().record(add("old-2", partner, "a", "backup-server", "1", 2)).outcome(),
                "another partner's old row suppresses nothing");
        assertEquals(RecordOutcome.APPLIED, stores.journal().record(add("old-3", partner, "a", "backup-server", "1", 3)).outcome(),
                "an expired old row suppresses nothing, as TTL deletion would");
    }

    @Test
    void record_shouldKeepFoldedDeltasInChunks_andDeleteThemOnceASetDropsTheFold() {
        int adds = io.gradientconnector.domain.LedgerState.MAX_DELTAS + 30;
        for (int i = 0; i < adds; i++) {
            stores.journal().record(add("c-" + i, partner, "a", "backup-server", "1", 10 + i));
        }
        assertEquals(List.of(30), chunkSizes(), "the 30 oldest deltas, in one chunk");

        stores.journal().record(io.gradientconnector.testing.TestEvents.set("s", partner, "a", "backup-server", "0",
                1000));
        assertEquals(List.of(), chunkSizes(), "a usage set after the fold deletes its chunks at once");

        for (int i = 0; i < adds; i++) {
            stores.journal().record(add("d-" + i, partner, "a", "backup-server", "1", 2000 + i));
        }
        stores.journal().record(io.gradientconnector.testing.TestEvents.delete("gone", partner, "a", 5000));
        assertEquals(List.of(30), chunkSizes(), "a deletion zeroes the row alone; the chunk is left over");
        stores.journal().record(add("after", partner, "a", "backup-server", "1", 5001));

        assertEquals(List.of(), chunkSizes(), "the row's next write deletes it");
    }

    private List<Integer> chunkSizes() {
        String prefix = Keys.foldPrefix(io.gradientconnector.domain.AccountId.of("a"),
                io.gradientconnector.domain.ServiceKey.of("backup-server"));
        return DynamoDbQueries.all(AWS.dynamoDb(), DynamoDbQueries.partitionPrefix(table, Keys.partnerPk(partner), prefix))
                .stream().map(item -> item.get(Items.FOLD_DELTAS).l().size()).toList();
    }

    private void putLegacyDedupRow(String eventId, String partnerId, long expiresAt) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(
                Attributes.key(Keys.legacyEventPk(EventId.of(eventId)), Keys.EVENT_SK));
        item.put("partnerId", AttributeValue.fromS(partnerId));
        item.put("type", AttributeValue.fromS("usage.add"));
        item.put(Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        AWS.dynamoDb().putItem(software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder()
                .tableName(table).item(item).build());
    }
}
