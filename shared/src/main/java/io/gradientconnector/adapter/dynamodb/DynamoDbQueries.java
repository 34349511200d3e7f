package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.Page;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Paged queries with opaque cursors over the table (and its GSI). */
final class DynamoDbQueries {
    static final List<String> TABLE_KEY = List.of(Keys.PK, Keys.SK);
    static final List<String> BY_KIND_KEY = List.of(Keys.PK, Keys.SK, Keys.KIND, Keys.PARTNER_ID);
    static final List<String> BY_STATUS_KEY = List.of(Keys.PK, Keys.SK, Keys.PARTNER_STATUS, Keys.PARTNER_ID);

    private DynamoDbQueries() {
    }

    /** Items of one partition whose sort key starts with {@code prefix}; strongly consistent. */
    static QueryRequest.Builder partitionPrefix(String table, String pk, String prefix) {
        return QueryRequest.builder()
                .tableName(table)
                .consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(new HashMap<>(Map.of("#pk", Keys.PK, "#sk", Keys.SK)))
                .expressionAttributeValues(new HashMap<>(Map.of(":pk", Attributes.s(pk), ":prefix", Attributes.s(prefix))));
    }

    static <T> Page<T> page(DynamoDbClient client, QueryRequest.Builder query, List<String> keyNames,
                            Optional<String> cursor, int limit, Function<Map<String, AttributeValue>, T> mapper) {
        Page.checkLimit(limit);
        Cursors.decode(cursor, keyNames).ifPresent(start -> {
            Map<String, AttributeValue> exclusiveStart = new LinkedHashMap<>();
            start.forEach((k, v) -> exclusiveStart.put(k, Attributes.s(v)));
            query.exclusiveStartKey(exclusiveStart);
        });
        QueryResponse response = client.query(query.limit(limit).build());
        List<T> items = new ArrayList<>(response.count());
        response.items().forEach(item -> items.add(mapper.apply(item)));
        Optional<String> next = Optional.empty();
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            Map<String, String> last = new LinkedHashMap<>();
            for (String name : keyNames) {
                last.put(name, response.lastEvaluatedKey().get(name).s());
            }
            next = Optional.of(Cursors.encode(last));
        }
        return new Page<>(items, next);
    }

    /** Every item of one partition prefix (for bulk operations that must see all of them). */
    static List<Map<String, AttributeValue>> all(DynamoDbClient client, QueryRequest.Builder query) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = client.query(query.exclusiveStartKey(start).build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
