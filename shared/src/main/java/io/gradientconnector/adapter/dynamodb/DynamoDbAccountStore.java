package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.port.Page;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.bool;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;

/**
 * {@link AccountStore} on the connector's DynamoDB table. Gradient-side updates touch only
 * Gradient-side attributes (never {@code version}, which guards the vendor side), so they never
 * conflict with event recording. Thread-safe.
 */
public final class DynamoDbAccountStore implements AccountStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoDbAccountStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<AccountRecord> get(PartnerId partnerId, AccountId accountId) {
        return DynamoDbFailures.call("accounts.get", () -> {
            Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                    .tableName(table).key(Items.key(partnerId, accountId)).consistentRead(true).build()).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.account(item));
        });
    }

    @Override
    public Page<AccountRecord> list(PartnerId partnerId, Optional<String> cursor, int limit) {
        return DynamoDbFailures.call("accounts.list", () -> DynamoDbQueries.page(client,
                DynamoDbQueries.partitionPrefix(table, Keys.partnerPk(partnerId), Keys.ACCOUNT_PREFIX),
                DynamoDbQueries.TABLE_KEY, cursor, limit, Items::account));
    }

    @Override
    public boolean recordCreatedInGradient(PartnerId partnerId, AccountId accountId, String sentName,
                                           Optional<String> sentDescription) {
        return DynamoDbFailures.call("accounts.recordCreatedInGradient", () -> {
            UpdateSpec u = new UpdateSpec()
                    .set("gradientState", s(GradientAccountState.CREATED.name()))
                    .set("gradientName", s(sentName))
                    .setOrRemove("gradientDescription", sentDescription.map(Attributes::s));
            return update(u, Items.key(partnerId, accountId));
        });
    }

    @Override
    public boolean recordMapped(PartnerId partnerId, AccountId accountId, boolean mapped) {
        return DynamoDbFailures.call("accounts.recordMapped",
                () -> update(new UpdateSpec().set("mapped", bool(mapped)), Items.key(partnerId, accountId)));
    }

    @Override
    public int clearGradientState(PartnerId partnerId) {
        return DynamoDbFailures.call("accounts.clearGradientState", () -> {
            int changed = 0;
            var query = DynamoDbQueries.partitionPrefix(table, Keys.partnerPk(partnerId), Keys.ACCOUNT_PREFIX);
            for (Map<String, AttributeValue> item : DynamoDbQueries.all(client, query)) {
                AccountRecord account = Items.account(item);
                if (account.gradientState() == GradientAccountState.NONE && !account.mapped()
                        && account.gradientName().isEmpty()) {
                    continue;
                }
                UpdateSpec u = new UpdateSpec()
                        .set("gradientState", s(GradientAccountState.NONE.name()))
                        .set("mapped", bool(false))
                        .remove("gradientName")
                        .remove("gradientDescription");
                if (update(u, Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)))) {
                    changed++;
                }
            }
            return changed;
        });
    }

    private boolean update(UpdateSpec u, Map<String, AttributeValue> key) {
        u.condition("attribute_exists(" + u.name(Keys.PK) + ")");
        try {
            client.updateItem(u.request(table, key));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
