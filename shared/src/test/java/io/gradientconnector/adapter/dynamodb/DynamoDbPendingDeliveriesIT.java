package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit point of a webhook delivery on DynamoDB (the emulator). */
class DynamoDbPendingDeliveriesIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private final DynamoDbPendingDeliveries deliveries = new DynamoDbPendingDeliveries(AWS.dynamoDb(), AWS.createTable());
    private final PartnerId partner = TestEvents.uniquePartner();
    private final Instant now = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void stage_shouldHoldEveryEventOfTheLargestDelivery_andGiveThemBackExactly() {
        // Larger than any delivery can be: its events as stored are at most the body's 256 KiB plus a few bytes
        // per event (a time or quantity written out in full).
        List<VendorEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = "\u6F22".repeat(80) + i;
            events.add(new VendorEvent.AccountUpserted(EventId.of(id), partner, now.plusSeconds(i),
                    new VendorAccount(AccountId.of(id), "\u540D".repeat(VendorAccount.MAX_NAME_LENGTH),
                            "d\n" + "\u6F22".repeat(300) + "x".repeat(VendorAccount.MAX_DESCRIPTION_LENGTH - 302))));
        }
        events.add(TestEvents.set("s-1", partner, "a#1", "backup-server", "12.500000", 1));
        events.add(TestEvents.subtract("s-2", partner, "a#1", "backup-server", "0.000001", 2));
        events.add(TestEvents.delete("s-3", partner, "a#1", 3));
        assertTrue(StagedDeliveryJson.write(events).getBytes(StandardCharsets.UTF_8).length > 260 * 1024);
        StagedDelivery delivery = new StagedDelivery("1".repeat(64), now, events);

        deliveries.stage(delivery);
        deliveries.stage(delivery); // a redelivery stages the same item again

        assertEquals(List.of(), deliveries.stagedBefore(now, 10));
        assertEquals(List.of(delivery), deliveries.stagedBefore(now.plusMillis(1), 10));
        deliveries.complete(delivery.id());
        deliveries.complete(delivery.id());
        assertEquals(List.of(), deliveries.stagedBefore(now.plusSeconds(60), 10));
    }

    @Test
    void stagedBefore_shouldFindDeliveriesOfEveryShard_upToTheLimit() {
        for (char shard : "0123456789abcdef".toCharArray()) {
            deliveries.stage(new StagedDelivery(shard + "0".repeat(63), now,
                    List.of(TestEvents.add("e-" + shard, partner, "a", "backup-server", "1", 1))));
        }

        assertEquals(16, deliveries.stagedBefore(now.plusSeconds(1), 100).size());
        assertEquals(5, deliveries.stagedBefore(now.plusSeconds(1), 5).size());
    }
}
