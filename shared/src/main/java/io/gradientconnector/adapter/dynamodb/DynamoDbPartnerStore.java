package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;

import io.gradientconnector.domain.PartnerId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

/**
 * {@link PartnerStore} on the connector's DynamoDB table; partners are listed through the sparse
 * GSI {@code byKind} (only partner items carry {@code kind}), and by status through the sparse GSI {@code byStatus}
 * (only partner items carry {@code partnerStatus}, written beside {@code status} by every status change). Thread-safe.
 */
public final class DynamoDbPartnerStore implements PartnerStore {
    private final DynamoDbClient client;
    private final String table;

    public DynamoDbPartnerStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<PartnerRecord> get(PartnerId partnerId) {
        return DynamoDbFailures.call("partners.get", () -> {
            Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                    .tableName(table).key(Items.key(partnerId)).consistentRead(true).build()).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.partner(item));
        });
    }

    @Override
    public Page<PartnerRecord> list(Optional<String> cursor, int limit) {
        return DynamoDbFailures.call("partners.list", () -> {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(Keys.BY_KIND_INDEX)
                    .keyConditionExpression("#kind = :kind")
                    .expressionAttributeNames(Map.of("#kind", Keys.KIND))
                    .expressionAttributeValues(Map.of(":kind", s(Keys.KIND_PARTNER)));
            return DynamoDbQueries.page(client, query, DynamoDbQueries.BY_KIND_KEY, cursor, limit, Items::partner);
        });
    }

    @Override
    public Page<PartnerRecord> listByStatus(PartnerStatus status, Optional<String> cursor, int limit) {
        Objects.requireNonNull(status, "status");
        return DynamoDbFailures.call("partners.listByStatus", () -> {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(Keys.BY_STATUS_INDEX)
                    .keyConditionExpression("#status = :status")
                    .expressionAttributeNames(Map.of("#status", Keys.PARTNER_STATUS))
                    .expressionAttributeValues(Map.of(":status", s(status.name())));
            return DynamoDbQueries.page(client, query, DynamoDbQueries.BY_STATUS_KEY, cursor, limit, Items::partner);
        });
    }

    @Override
    public SaveResult save(PartnerRecord partner) {
        return DynamoDbFailures.call("partners.save", () -> {
            UpdateSpec u = new UpdateSpec()
                    .set(Keys.KIND, s(Keys.KIND_PARTNER))
                    .set("partnerId", s(partner.partnerId().value()))
                    .set("status", s(partner.status().name()))
                    .set(Keys.PARTNER_STATUS, s(partner.status().name()))
                    .setOrRemove("gradientStatus", partner.gradientStatus().map(Attributes::s))
                    .setOrRemove("organizationId", partner.organizationId().map(Attributes::s))
                    .setOrRemove("organizationName", partner.organizationName().map(Attributes::s))
                    .setOrRemove("integrationId", partner.integrationId().map(Attributes::s))
                    .setOrRemove("keyFingerprint", partner.keyFingerprint().map(Attributes::s))
                    .setOrRemove("retiredKeyFingerprint", partner.retiredKeyFingerprint().map(Attributes::s))
                    .setOrRemove("connectedAt", partner.connectedAt().map(Attributes::time))
                    .set("updatedAt", time(partner.updatedAt()))
                    .set("version", n(partner.version() + 1));
            u.condition(partner.version() == 0
                    ? "attribute_not_exists(" + u.name(Keys.PK) + ")"
                    : u.name("version") + " = " + u.value(n(partner.version())));
            try {
                UpdateItemResponse response = client.updateItem(u.request(table, Items.key(partner.partnerId()))
                        .toBuilder().returnValues(ReturnValue.ALL_NEW).build());
                return new SaveResult.Saved(Items.partner(response.attributes()));
            } catch (ConditionalCheckFailedException e) {
                return new SaveResult.Conflict();
            }
        });
    }

    @Override
    public boolean markNeedsKey(PartnerId partnerId, String keyFingerprint, String error, Instant at) {
        return DynamoDbFailures.call("partners.markNeedsKey", () -> {
            // A status transition changes the record, so it moves the version: a save based on an older read loses.
            UpdateSpec u = new UpdateSpec()
                    .set("status", s(PartnerStatus.NEEDS_KEY.name()))
                    .set(Keys.PARTNER_STATUS, s(PartnerStatus.NEEDS_KEY.name()))
                    .set("lastError", s(PartnerStore.truncate(error)))
                    .set("updatedAt", time(at))
                    .increment("version");
            u.condition("attribute_exists(" + u.name(Keys.PK) + ") AND " + u.name("status") + " <> "
                    + u.value(s(PartnerStatus.DISCONNECTED.name())) + " AND " + u.name("keyFingerprint") + " = "
                    + u.value(s(keyFingerprint)));
            return update(u, partnerId);
        });
    }

    @Override
    public boolean markActive(PartnerId partnerId, String keyFingerprint, Instant at) {
        return DynamoDbFailures.call("partners.markActive", () -> {
            UpdateSpec u = new UpdateSpec()
                    .set("status", s(PartnerStatus.ACTIVE.name()))
                    .set(Keys.PARTNER_STATUS, s(PartnerStatus.ACTIVE.name()))
                    .set("gradientStatus", s("active"))
                    .set("updatedAt", time(at))
                    .increment("version");
            u.condition("attribute_exists(" + u.name(Keys.PK) + ") AND " + u.name("status") + " = "
                    + u.value(s(PartnerStatus.PENDING.name())) + " AND " + u.name("keyFingerprint") + " = "
                    + u.value(s(keyFingerprint)));
            return update(u, partnerId);
        });
    }

    @Override
    public boolean markDisconnected(PartnerId partnerId, Instant at) {
        return DynamoDbFailures.call("partners.markDisconnected", () -> {
            UpdateSpec u = new UpdateSpec()
                    .set("status", s(PartnerStatus.DISCONNECTED.name()))
                    .set(Keys.PARTNER_STATUS, s(PartnerStatus.DISCONNECTED.name()))
                    .set("updatedAt", time(at))
                    .remove("keyFingerprint")
                    .increment("version");
            u.condition("attribute_exists(" + u.name(Keys.PK) + ")");
            return update(u, partnerId);
        });
    }

    @Override
    public boolean recordSync(PartnerId partnerId, Instant at, Optional<String> error) {
        return DynamoDbFailures.call("partners.recordSync", () -> bookkeeping(partnerId, "lastSyncAt", at, error));
    }

    @Override
    public boolean recordPush(PartnerId partnerId, Instant at, Optional<String> error) {
        return DynamoDbFailures.call("partners.recordPush", () -> bookkeeping(partnerId, "lastPushAt", at, error));
    }

    /** Bookkeeping leaves {@code version} alone: it must not make a portal save conflict. */
    private boolean bookkeeping(PartnerId partnerId, String timeAttribute, Instant at, Optional<String> error) {
        UpdateSpec u = new UpdateSpec()
                .set(timeAttribute, time(at))
                .setOrRemove("lastError", error.map(PartnerStore::truncate).map(Attributes::s));
        u.condition("attribute_exists(" + u.name(Keys.PK) + ")");
        return update(u, partnerId);
    }

    private boolean update(UpdateSpec u, PartnerId partnerId) {
        try {
            client.updateItem(u.request(table, Items.key(partnerId)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
