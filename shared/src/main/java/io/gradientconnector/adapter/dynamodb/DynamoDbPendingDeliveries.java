package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.port.PendingDeliveries;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

/**
 * {@link PendingDeliveries} on the connector's table: one item per staged delivery, pk {@code DELIVERY#<x>} (x: the
 * first hex digit of the delivery id, so staging spreads over 16 partitions), sk the delivery id, the events as one
 * JSON string (at most about the 256 KiB body; an item may hold 400 KB). Staging is one unconditional
 * {@code PutItem}: the same id always holds the same events. Thread-safe.
 */
public final class DynamoDbPendingDeliveries implements PendingDeliveries {
    static final String PK_PREFIX = "DELIVERY#";
    private static final String SHARDS = "0123456789abcdef";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbPendingDeliveries(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    static Map<String, AttributeValue> key(String deliveryId) {
        return Attributes.key(PK_PREFIX + deliveryId.charAt(0), deliveryId);
    }

    @Override
    public void stage(StagedDelivery delivery) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(delivery.id()));
        item.put("stagedAt", time(delivery.stagedAt()));
        item.put("eventCount", n(delivery.events().size()));
        item.put("events", s(StagedDeliveryJson.write(delivery.events())));
        DynamoDbFailures.run("deliveries.stage", () ->
                client.putItem(PutItemRequest.builder().tableName(table).item(item).build()));
    }

    @Override
    public void complete(String deliveryId) {
        DynamoDbFailures.run("deliveries.complete", () ->
                client.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(deliveryId)).build()));
    }

    @Override
    public List<StagedDelivery> stagedBefore(Instant stagedBefore, int limit) {
        return DynamoDbFailures.call("deliveries.stagedBefore", () -> {
            List<StagedDelivery> found = new ArrayList<>();
            for (char shard : SHARDS.toCharArray()) {
                Map<String, AttributeValue> start = null;
                do {
                    QueryResponse page = client.query(QueryRequest.builder().tableName(table)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", Keys.PK))
                            .expressionAttributeValues(Map.of(":pk", s(PK_PREFIX + shard)))
                            .consistentRead(true)
                            .exclusiveStartKey(start)
                            .build());
                    for (Map<String, AttributeValue> item : page.items()) {
                        Instant stagedAt = Attributes.instant(item, "stagedAt").orElseThrow();
                        if (stagedAt.isBefore(stagedBefore)) {
                            found.add(new StagedDelivery(Attributes.requiredString(item, Keys.SK), stagedAt,
                                    StagedDeliveryJson.read(Attributes.requiredString(item, "events"))));
                            if (found.size() == limit) {
                                return found;
                            }
                        }
                    }
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (start != null);
            }
            return found;
        });
    }
}
