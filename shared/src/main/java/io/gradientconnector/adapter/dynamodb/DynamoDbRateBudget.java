package io.gradientconnector.adapter.dynamodb;

import static io.gradientconnector.adapter.dynamodb.Attributes.n;
import static io.gradientconnector.adapter.dynamodb.Attributes.s;

import io.gradientconnector.port.LeasedRateBudget;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * {@link LeasedRateBudget} on the connector's table: one item per scope, pk {@code BUDGET#<scope>}, sk
 * {@value #BUDGET_SK}, attribute {@code nextSlot} (epoch nanoseconds of the scope's next free send slot) and
 * {@code expiresAt} (TTL, a day after the last lease, so per-token scopes of gone partners disappear). A lease is one
 * UpdateItem: while the schedule is busy (its next free slot at or after the requested start) an atomic add of the
 * slice's span, whose new value names the slice (containers never conflict: DynamoDB applies the adds one after the
 * other); when it is idle, a conditional write restarting it at the requested start. A back-off is one conditional
 * UpdateItem. No read is needed. Thread-safe (the SDK client is).
 */
public final class DynamoDbRateBudget extends LeasedRateBudget {
    static final String BUDGET_PREFIX = "BUDGET#";
    static final String BUDGET_SK = "BUDGET";
    static final String NEXT_SLOT = "nextSlot";
    private static final Duration ITEM_TTL = Duration.ofDays(1);

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoDbRateBudget(DynamoDbClient client, String table, Settings settings, Clock clock, Pause pause) {
        super(settings, clock, pause);
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = clock;
    }

    @Override
    protected Instant lease(String scope, int permits, Duration interval, Instant notBefore) {
        return DynamoDbFailures.call("budget.lease", () -> {
            Map<String, AttributeValue> key = key(scope);
            long span = Math.multiplyExact(interval.toNanos(), permits);
            long start = nanos(notBefore);
            Map<String, String> names = Map.of("#next", NEXT_SLOT, "#exp", Keys.EXPIRES_AT);
            while (true) {
                try {
                    // A busy schedule (next free slot at or after notBefore): one atomic add, no read, no conflict.
                    Map<String, AttributeValue> after = client.updateItem(UpdateItemRequest.builder()
                            .tableName(table).key(key)
                            .updateExpression("SET #next = #next + :span, #exp = :exp")
                            .conditionExpression("#next >= :start")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(Map.of(":span", n(span), ":start", n(start), ":exp", n(expiresAt())))
                            .returnValues(ReturnValue.UPDATED_NEW)
                            .build()).attributes();
                    return instant(Long.parseLong(after.get(NEXT_SLOT).n()) - span);
                } catch (ConditionalCheckFailedException idle) {
                    // An idle (or new) schedule: it restarts at notBefore.
                }
                try {
                    client.updateItem(UpdateItemRequest.builder().tableName(table).key(key)
                            .updateExpression("SET #next = :next, #exp = :exp")
                            .conditionExpression("attribute_not_exists(#next) OR #next < :start")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(Map.of(":next", n(Math.addExact(start, span)), ":start", n(start),
                                    ":exp", n(expiresAt())))
                            .build());
                    return notBefore;
                } catch (ConditionalCheckFailedException busyAgain) {
                    // Another container restarted it meanwhile: the atomic add now applies.
                }
            }
        });
    }

    @Override
    protected void holdUntil(String scope, Instant until) {
        DynamoDbFailures.run("budget.holdUntil", () -> {
            try {
                client.updateItem(UpdateItemRequest.builder().tableName(table).key(key(scope))
                        .updateExpression("SET #next = :until, #exp = :exp")
                        .conditionExpression("attribute_not_exists(#next) OR #next < :until")
                        .expressionAttributeNames(Map.of("#next", NEXT_SLOT, "#exp", Keys.EXPIRES_AT))
                        .expressionAttributeValues(Map.of(":until", n(nanos(until)), ":exp", n(expiresAt())))
                        .build());
            } catch (ConditionalCheckFailedException later) {
                // The schedule already starts after the pause.
            }
        });
    }

    private Map<String, AttributeValue> key(String scope) {
        return Map.of(Keys.PK, s(BUDGET_PREFIX + Keys.encode(scope)), Keys.SK, s(BUDGET_SK));
    }

    private long expiresAt() {
        return clock.instant().plus(ITEM_TTL).getEpochSecond();
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
