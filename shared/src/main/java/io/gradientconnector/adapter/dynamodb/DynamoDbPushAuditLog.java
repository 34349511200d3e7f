package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PushAuditLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.bool;
import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;
import static io.gradientconnector.adapter.dynamodb.Attributes.time;

/**
 * {@link PushAuditLog} on the connector's table: one item per attempt, {@code PUSHES#<partner>#<account>#<service>} /
 * {@code <epoch millis, 15 digits>#<request id>}, expiring {@code ttl} after the attempt ({@code expiresAt}). A plain
 * put (an attempt is written once; a repeated write of the same attempt is the same item). Listing is one query of
 * the partition, newest first. Thread-safe.
 */
public final class DynamoDbPushAuditLog implements PushAuditLog {
    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;

    public DynamoDbPushAuditLog(DynamoDbClient client, String table, Duration ttl) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }

    @Override
    public void record(PushAttempt attempt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(Keys.pushAuditPk(attempt.partnerId(), attempt.accountId(), attempt.gradientServiceId())));
        item.put(Keys.SK, s(Keys.pushAuditSk(attempt.at(), attempt.requestId())));
        item.put("partnerId", s(attempt.partnerId().value()));
        item.put("accountId", s(attempt.accountId().value()));
        item.put("gradientServiceId", s(attempt.gradientServiceId()));
        item.put("at", time(attempt.at()));
        item.put("operation", s(attempt.operation()));
        item.put("count", n(attempt.count()));
        item.put("noBuild", bool(attempt.noBuild()));
        item.put("outcome", s(attempt.outcome().name()));
        item.put("httpStatus", n(attempt.status()));
        item.put("requestId", s(attempt.requestId()));
        item.put(Keys.EXPIRES_AT, n(attempt.at().plus(ttl).getEpochSecond()));
        DynamoDbFailures.run("pushAudit.record",
                () -> client.putItem(PutItemRequest.builder().tableName(table).item(item).build()));
    }

    @Override
    public Page<PushAttempt> list(PartnerId partnerId, AccountId accountId, String gradientServiceId,
                                  Optional<String> cursor, int limit) {
        String pk = Keys.pushAuditPk(partnerId, accountId, gradientServiceId);
        return DynamoDbFailures.call("pushAudit.list", () -> {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK))
                    .expressionAttributeValues(Map.of(":pk", s(pk)))
                    .scanIndexForward(false);
            return DynamoDbQueries.page(client, query, DynamoDbQueries.TABLE_KEY, cursor, limit,
                    DynamoDbPushAuditLog::attempt);
        });
    }

    private static PushAttempt attempt(Map<String, AttributeValue> item) {
        return new PushAttempt(
                PartnerId.of(Attributes.requiredString(item, "partnerId")),
                AccountId.of(Attributes.requiredString(item, "accountId")),
                Attributes.requiredString(item, "gradientServiceId"),
                Attributes.instant(item, "at").orElseThrow(),
                Attributes.requiredString(item, "operation"),
                Attributes.decimal(item, "count").orElseThrow(),
                Attributes.flag(item, "noBuild"),
                PushAttempt.Outcome.valueOf(Attributes.requiredString(item, "outcome")),
                (int) Attributes.number(item, "httpStatus", 0),
                Attributes.requiredString(item, "requestId"));
    }
}
