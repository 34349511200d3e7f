package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.port.CatalogStore;

import io.gradientconnector.domain.ServiceKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.s;

/** {@link CatalogStore} on the connector's DynamoDB table (partition {@code CATALOG}). Thread-safe. */
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
                ids.put(ServiceKey.of(Attributes.requiredString(item, "service")),
                        Attributes.requiredString(item, "gradientServiceId"));
            }
            return ids;
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
