package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.Lease;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.UsageLedger;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

/** {@link UsageLedger} on the connector's DynamoDB table. Thread-safe. */
public final class DynamoDbUsageLedger implements UsageLedger {
    private final DynamoDbClient client;
    private final String table;

    public DynamoDbUsageLedger(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<LedgerRow> get(UsageRowKey key) {
        return DynamoDbFailures.call("ledger.get", () -> {
            Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                    .tableName(table).key(Items.key(key)).consistentRead(true).build()).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.ledgerRow(item));
        });
    }

    @Override
    public Page<LedgerRow> list(PartnerId partnerId, Optional<String> cursor, int limit) {
        return DynamoDbFailures.call("ledger.list", () -> DynamoDbQueries.page(client,
                rows(partnerId, Keys.USAGE_PREFIX), DynamoDbQueries.TABLE_KEY, cursor, limit, Items::ledgerRow));
    }

    @Override
    public Page<LedgerRow> listForAccount(PartnerId partnerId, AccountId accountId, Optional<String> cursor, int limit) {
        return DynamoDbFailures.call("ledger.listForAccount", () -> DynamoDbQueries.page(client,
                rows(partnerId, Keys.usageAccountPrefix(accountId)), DynamoDbQueries.TABLE_KEY, cursor, limit,
                Items::ledgerRow));
    }

    @Override
    public Page<LedgerRow> listNeedingPush(PartnerId partnerId, Optional<String> cursor, int limit) {
        return DynamoDbFailures.call("ledger.listNeedingPush", () -> {
            QueryRequest.Builder query = rows(partnerId, Keys.USAGE_PREFIX);
            QueryRequest base = query.build();
            Map<String, String> names = new java.util.HashMap<>(base.expressionAttributeNames());
            Map<String, AttributeValue> values = new java.util.HashMap<>(base.expressionAttributeValues());
            names.put("#pushState", "pushState");
            names.put("#pushedVersion", "pushedVersion");
            names.put("#version", "version");
            values.put(":pushed", s(PushState.PUSHED.name()));
            // LedgerRow.needsPush, as a filter.
            query.filterExpression("#pushState <> :pushed OR #pushedVersion < #version")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
            return DynamoDbQueries.page(client, query, DynamoDbQueries.TABLE_KEY, cursor, limit, Items::ledgerRow);
        });
    }

    @Override
    public boolean recordPushResult(UsageRowKey key, long attemptedVersion, Quantity pushedCount, PushState outcome,
                                    Optional<String> error, Instant at) {
        return DynamoDbFailures.call("ledger.recordPushResult", () -> {
            if (outcome == PushState.PENDING) {
                throw new IllegalArgumentException("a push result is PUSHED, UNMAPPED or FAILED, not PENDING");
            }
            UpdateSpec u = new UpdateSpec()
                    .set("pushedVersion", n(attemptedVersion))
                    .set("pushState", s(outcome.name()))
                    .set("lastPushAt", time(at))
                    .setOrRemove("lastPushError", error.map(PartnerStore::truncate).map(Attributes::s));
            if (outcome == PushState.PUSHED) {
                u.set("pushedCount", n(pushedCount.value()));
            }
            String pushedVersion = u.name("pushedVersion");
            String attempted = u.value(n(attemptedVersion));
            // LedgerRow.acceptsPushResult, as a condition.
            u.condition("attribute_exists(" + u.name(Keys.PK) + ") AND (" + pushedVersion + " < " + attempted
                    + " OR (" + pushedVersion + " = " + attempted + " AND " + u.name("pushState") + " <> "
                    + u.value(s(PushState.PUSHED.name())) + "))");
            return conditionalUpdate(u, Items.key(key));
        });
    }

    @Override
    public boolean acquireLease(UsageRowKey key, String owner, Duration duration, Instant now) {
        return DynamoDbFailures.call("ledger.acquireLease", () -> {
            Lease lease = new Lease(owner, now.plus(duration));
            UpdateSpec u = new UpdateSpec()
                    .set("leaseOwner", s(lease.owner()))
                    .set("leaseUntil", n(lease.until().toEpochMilli()));
            String leaseOwner = u.name("leaseOwner");
            u.condition("attribute_exists(" + u.name(Keys.PK) + ") AND (attribute_not_exists(" + leaseOwner + ") OR "
                    + leaseOwner + " = " + u.value(s(owner)) + " OR " + u.name("leaseUntil") + " <= "
                    + u.value(n(now.toEpochMilli())) + ")");
            return conditionalUpdate(u, Items.key(key));
        });
    }

    @Override
    public boolean releaseLease(UsageRowKey key, String owner) {
        return DynamoDbFailures.call("ledger.releaseLease", () -> {
            UpdateSpec u = new UpdateSpec().remove("leaseOwner").remove("leaseUntil");
            u.condition(u.name("leaseOwner") + " = " + u.value(s(owner)));
            return conditionalUpdate(u, Items.key(key));
        });
    }

    @Override
    public int forgetPushes(PartnerId partnerId) {
        return DynamoDbFailures.call("ledger.forgetPushes", () -> {
            int changed = 0;
            for (Map<String, AttributeValue> item : DynamoDbQueries.all(client, rows(partnerId, Keys.USAGE_PREFIX))) {
                UpdateSpec u = new UpdateSpec()
                        .set("pushState", s(PushState.PENDING.name()))
                        .set("pushedVersion", n(0))
                        .remove("pushedCount")
                        .remove("lastPushError");
                u.condition("attribute_exists(" + u.name(Keys.PK) + ")");
                if (conditionalUpdate(u, Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK)))) {
                    changed++;
                }
            }
            return changed;
        });
    }

    private QueryRequest.Builder rows(PartnerId partnerId, String prefix) {
        return DynamoDbQueries.partitionPrefix(table, Keys.partnerPk(partnerId), prefix);
    }

    private boolean conditionalUpdate(UpdateSpec update, Map<String, AttributeValue> key) {
        try {
            client.updateItem(update.request(table, key));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
