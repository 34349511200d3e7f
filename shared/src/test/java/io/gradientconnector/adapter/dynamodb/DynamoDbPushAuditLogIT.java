package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.port.PushAuditLog;
import io.gradientconnector.port.PushAuditLogContract;
import io.gradientconnector.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoDbPushAuditLogIT extends PushAuditLogContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    private static final Duration TTL = Duration.ofDays(90);
    private String table;

    @Override
    protected PushAuditLog newAuditLog() {
        table = AWS.createTable();
        return new DynamoDbPushAuditLog(AWS.dynamoDb(), table, TTL);
    }

    @Test
    void record_shouldExpireTheAttemptAfterTheTtl() {
        Instant at = Instant.parse("2026-03-01T10:00:00.250Z");
        audit.record(new PushAttempt(partner, AccountId.of("a 1"), "sku-9", at, "set", new BigDecimal("12.5"), false,
                PushAttempt.Outcome.APPLIED, 201, "req-ttl"));

        var item = AWS.dynamoDb().getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                Keys.PK, Attributes.s(Keys.pushAuditPk(partner, AccountId.of("a 1"), "sku-9")),
                Keys.SK, Attributes.s(Keys.pushAuditSk(at, "req-ttl"))))).item();

        assertEquals(String.valueOf(at.plus(TTL).getEpochSecond()), item.get(Keys.EXPIRES_AT).n());
        assertEquals("12.5", item.get("count").n());
    }
}
