package io.gradientconnector.adapter.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.AlertStoreContract;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

class DynamoDbAlertStoreIT extends AlertStoreContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    private static final Duration ALERT_TTL = Duration.ofDays(7);

    private String table;

    @Override
    protected ConnectorStores newStores(MutableClock clock) {
        table = AWS.createTable();
        return DynamoDbStores.create(AWS.dynamoDb(), table, clock, DEDUP_TTL, ALERT_TTL);
    }

    @Override
    protected AlertStore alertStore(ConnectorStores stores) {
        return new DynamoDbAlertStore(AWS.dynamoDb(), table, ALERT_TTL);
    }

    @Test
    void alertItem_shouldExpireAfterTheAlertTtl_inItsOwnPartition() {
        VendorEvent.AlertRaised event = new VendorEvent.AlertRaised(EventId.of("ttl-1"), partner, clock.instant(),
                AccountId.of("a"), "t", "d", 1, 1, Optional.empty(), Optional.empty());
        stores.journal().record(event);
        Map<String, AttributeValue> item = AWS.dynamoDb().getItem(GetItemRequest.builder().tableName(table)
                .key(AlertItems.key(event.ref())).build()).item();
        assertEquals(Long.toString(clock.instant().plus(ALERT_TTL).getEpochSecond()), item.get(Keys.EXPIRES_AT).n());
        assertEquals(Keys.alertsPk(partner), item.get(Keys.PK).s());
        AlertRecord stored = alerts.get(event.ref()).orElseThrow();
        assertEquals(event, stored.event());
    }
}
