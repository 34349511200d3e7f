package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.CatalogStore;

import io.gradientconnector.domain.ServiceKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.s;

/**
 * {@link CatalogStore} on the connector's DynamoDB table: one item per service, pk {@code CATALOG}, sk
 * {@code SERVICE#<serviceKey>}. A claim is a conditional update of that item ({@code claimOwner},
 * {@code claimUntil} in epoch millis) that succeeds only while no id is recorded and no other owner's
 * claim is unexpired; recording the id replaces the item, ending the claim. Thread-safe.
 */
public final class DynamoDbCatalogStore implements CatalogStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoDbCatalogStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<String> gradientServiceId(ServiceKey service) {
        return DynamoDbFailures.call("catalog.gradientServiceId", () -> {
            Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder().tableName(table)
                    .key(Attributes.key(Keys.CATALOG_PK, Keys.serviceSk(service))).consistentRead(true).build()).item();
            return item == null ? Optional.empty() : Attributes.string(item, "gradientServiceId");
        });
    }

    @Override
    public Map<ServiceKey, String> all() {
        return DynamoDbFailures.call("catalog.all", () -> {
            Map<ServiceKey, String> ids = new LinkedHashMap<>();
            var query = DynamoDbQueries.partitionPrefix(table, Keys.CATALOG_PK, Keys.SERVICE_PREFIX);
            for (Map<String, AttributeValue> item : DynamoDbQueries.all(client, query)) {
                Attributes.string(item, "gradientServiceId").ifPresent(id ->
                        ids.put(ServiceKey.of(Attributes.requiredString(item, "service")), id));
            }
            return ids;
        });
    }

    @Override
    public Claim claim(ServiceKey service, String owner, Instant now, Duration lease) {
        return DynamoDbFailures.call("catalog.claim", () -> {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(owner, "owner");
            Map<String, AttributeValue> key = Attributes.key(Keys.CATALOG_PK, Keys.serviceSk(service));
            try {
                Map<String, AttributeValue> old = client.updateItem(UpdateItemRequest.builder()
                        .tableName(table)
                        .key(key)
                        .updateExpression("SET #service = :service, #owner = :owner, #until = :until")
                        .conditionExpression("attribute_not_exists(#id) AND (attribute_not_exists(#until)"
                                + " OR #until <= :now OR #owner = :owner)")
                        .expressionAttributeNames(Map.of("#service", "service", "#owner", "claimOwner",
                                "#until", "claimUntil", "#id", "gradientServiceId"))
                        .expressionAttributeValues(Map.of(":service", s(service.value()), ":owner", s(owner),
                                ":until", Attributes.n(now.plus(lease).toEpochMilli()),
                                ":now", Attributes.n(now.toEpochMilli())))
                        .returnValues(ReturnValue.ALL_OLD)
                        .build()).attributes();
                Optional<String> previousOwner = old == null ? Optional.empty() : Attributes.string(old, "claimOwner");
                return previousOwner.isEmpty() || previousOwner.get().equals(owner) ? Claim.CLAIMED : Claim.RECLAIMED;
            } catch (ConditionalCheckFailedException taken) {
                return gradientServiceId(service).isPresent() ? Claim.RECORDED : Claim.HELD;
            }
        });
    }

    @Override
    public void put(ServiceKey service, String gradientServiceId, String name) {
        DynamoDbFailures.run("catalog.put", () -> {
            Objects.requireNonNull(service, "service");
            if (gradientServiceId == null || gradientServiceId.isBlank()) {
                throw new IllegalArgumentException("gradientServiceId is required");
            }
            Map<String, AttributeValue> item =
                    new LinkedHashMap<>(Attributes.key(Keys.CATALOG_PK, Keys.serviceSk(service)));
            item.put("service", s(service.value()));
            item.put("gradientServiceId", s(gradientServiceId));
            if (name != null && !name.isBlank()) {
                item.put("name", s(name));
            }
            client.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        });
    }
}
