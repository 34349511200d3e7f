package io.gradientconnector.adapter.dynamodb;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;

import io.gradientconnector.port.PartnerLocks;

import io.gradientconnector.domain.PartnerId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@link PartnerLocks} as one item per partner in the connector's table: pk {@code PARTNER#<partnerId>}, sk
 * {@value #LOCK_SK}, attributes {@code owner} and {@code expiresAt} (epoch seconds, the table's TTL attribute, so
 * DynamoDB eventually removes abandoned locks; the condition does not rely on that). Taking it is one conditional
 * put, releasing it a conditional delete. The sort key shares no prefix with accounts or ledger rows, so partner
 * queries never see it. Thread-safe (the SDK client is).
 */
public final class DynamoDbPartnerLocks implements PartnerLocks {
    static final String LOCK_SK = "LOCK#partner-key";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbPartnerLocks(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public boolean tryAcquire(PartnerId partnerId, String owner, Instant now, Duration ttl) {
        return DynamoDbFailures.call("locks.tryAcquire", () -> {
            Objects.requireNonNull(owner, "owner");
            // Rounded up to whole seconds (the TTL attribute's unit), so a lock never expires early.
            long expiresAt = now.plus(ttl).getEpochSecond() + (now.plus(ttl).getNano() > 0 ? 1 : 0);
            try {
                client.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(Map.of(
                                Keys.PK, s(Keys.partnerPk(partnerId)),
                                Keys.SK, s(LOCK_SK),
                                "owner", s(owner),
                                Keys.EXPIRES_AT, n(expiresAt)))
                        .conditionExpression("attribute_not_exists(#pk) OR #exp <= :now OR #owner = :owner")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#exp", Keys.EXPIRES_AT, "#owner", "owner"))
                        .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":owner", s(owner)))
                        .build());
                return true;
            } catch (ConditionalCheckFailedException held) {
                return false;
            }
        });
    }

    @Override
    public void release(PartnerId partnerId, String owner) {
        DynamoDbFailures.run("locks.release", () -> {
            try {
                client.deleteItem(DeleteItemRequest.builder()
                        .tableName(table)
                        .key(Attributes.key(Keys.partnerPk(partnerId), LOCK_SK))
                        .conditionExpression("#owner = :owner")
                        .expressionAttributeNames(Map.of("#owner", "owner"))
                        .expressionAttributeValues(Map.of(":owner", s(owner)))
                        .build());
            } catch (ConditionalCheckFailedException notOurs) {
                // Expired and taken by someone else (or already gone): theirs now, leave it.
            }
        });
    }
}
