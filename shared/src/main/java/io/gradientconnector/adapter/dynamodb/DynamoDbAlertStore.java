package io.gradientconnector.adapter.dynamodb;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;

import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link AlertStore} on the connector's table. An update is a {@code PutItem} conditioned on the stored
 * {@code version}; a dedup-key claim is one conditional {@code PutItem} of the key's item
 * ({@code ALERTKEY#<partnerId>#<hash>} / {@code ALERTKEY}: {@code holder}, {@code holderSk}, {@code openUntil} in
 * epoch millis) that succeeds only if the key is free, closed before now, or already this alert's. Thread-safe.
 */
public final class DynamoDbAlertStore implements AlertStore {
    /** "Open until further notice": a claim while its alert is pending. */
    static final long OPEN = Long.MAX_VALUE / 2;

    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;

    public DynamoDbAlertStore(DynamoDbClient client, String table, Duration ttl) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    @Override
    public Optional<AlertRecord> get(AlertRef ref) {
        return DynamoDbFailures.call("alerts.get", () -> AlertItems.present(client.getItem(GetItemRequest.builder()
                .tableName(table).key(AlertItems.key(ref)).consistentRead(true).build()).item())
                .map(AlertItems::alert));
    }

    @Override
    public boolean update(AlertRecord next) {
        return DynamoDbFailures.call("alerts.update", () -> {
            try {
                client.putItem(PutItemRequest.builder().tableName(table).item(AlertItems.item(next, ttl))
                        .conditionExpression("#version = :expected")
                        .expressionAttributeNames(Map.of("#version", AlertItems.VERSION))
                        .expressionAttributeValues(Map.of(":expected", n(next.version() - 1)))
                        .build());
                return true;
            } catch (ConditionalCheckFailedException lost) {
                return false;
            }
        });
    }

    @Override
    public Page<AlertRecord> list(PartnerId partnerId, Set<AlertStage> stages, Optional<String> cursor, int limit) {
        return DynamoDbFailures.call("alerts.list", () -> {
            Map<String, String> names = new HashMap<>(Map.of("#pk", Keys.PK));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(Keys.alertsPk(partnerId))));
            QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk").scanIndexForward(false);
            if (!stages.isEmpty()) {
                List<String> placeholders = new ArrayList<>();
                int i = 0;
                for (AlertStage stage : stages) {
                    placeholders.add(":stage" + i);
                    values.put(":stage" + i++, s(stage.name()));
                }
                names.put("#stage", AlertItems.STAGE);
                query.filterExpression("#stage IN (" + String.join(", ", placeholders) + ")");
            }
            query.expressionAttributeNames(names).expressionAttributeValues(values);
            return DynamoDbQueries.page(client, query, DynamoDbQueries.TABLE_KEY, cursor, limit, AlertItems::alert);
        });
    }

    @Override
    public Optional<EventId> claimDedupKey(AlertRecord alert, Instant now) {
        String dedupKey = alert.event().dedupKey()
                .orElseThrow(() -> new IllegalArgumentException("the alert has no dedup key"));
        return DynamoDbFailures.call("alerts.claimDedupKey", () -> {
            Map<String, AttributeValue> key = dedupItemKey(alert, dedupKey);
            Map<String, AttributeValue> item = new LinkedHashMap<>(key);
            item.put("holder", s(alert.alertId().value()));
            item.put("holderSk", s(Keys.alertSk(alert.ref().occurredAt(), alert.alertId())));
            item.put("openUntil", n(OPEN));
            item.put(Keys.EXPIRES_AT, n(now.plus(ttl).getEpochSecond()));
            try {
                client.putItem(PutItemRequest.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#pk) OR #until <= :now OR #holder = :me")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#until", "openUntil", "#holder", "holder"))
                        .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()),
                                ":me", s(alert.alertId().value())))
                        .build());
                return Optional.<EventId>empty();
            } catch (ConditionalCheckFailedException held) {
                Map<String, AttributeValue> current = client.getItem(GetItemRequest.builder().tableName(table)
                        .key(key).consistentRead(true).build()).item();
                // Held a moment ago; if it was released since, the caller may simply try again later.
                return Optional.of(EventId.of(AlertItems.present(current)
                        .flatMap(c -> Attributes.string(c, "holder")).orElse("unknown")));
            }
        });
    }

    @Override
    public void openDedupKeyUntil(AlertRecord holder, Instant until) {
        Optional<String> dedupKey = holder.event().dedupKey();
        if (dedupKey.isEmpty()) {
            return;
        }
        DynamoDbFailures.run("alerts.openDedupKeyUntil", () -> {
            try {
                client.updateItem(UpdateItemRequest.builder().tableName(table)
                        .key(dedupItemKey(holder, dedupKey.get()))
                        .updateExpression("SET #until = :until")
                        .conditionExpression("#holder = :me")
                        .expressionAttributeNames(Map.of("#until", "openUntil", "#holder", "holder"))
                        .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()),
                                ":me", s(holder.alertId().value())))
                        .build());
            } catch (ConditionalCheckFailedException notHolder) {
                // Another alert holds the key now (this one's claim had closed): nothing to change.
            }
        });
    }

    private static Map<String, AttributeValue> dedupItemKey(AlertRecord alert, String dedupKey) {
        return Attributes.key(Keys.alertKeyPk(alert.partnerId(), alert.event().accountId(), dedupKey),
                Keys.ALERT_KEY_SK);
    }
}
