package io.gradientconnector.accountsync;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.testing.InMemorySyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.testing.InMemoryPartnerStore;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.app.sync.SyncFanOut;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.Test;

import io.gradientconnector.app.events.PendingDeliverySweep;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.testing.InMemoryPendingDeliveries;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.InMemoryUsageQueue;
import io.gradientconnector.testing.TestEvents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleHandlerTest {
    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final InMemoryPartnerStore partners = InMemoryPartnerStore.create();
    private final InMemorySyncQueue queue = InMemorySyncQueue.create();
    private final CapturedOutput output = new CapturedOutput(ScheduleHandler.FUNCTION, clock);
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final InMemoryUsageQueue usageQueue = InMemoryUsageQueue.create();
    private final InMemoryPendingDeliveries deliveries = InMemoryPendingDeliveries.create();
    private final ScheduleHandler handler = new ScheduleHandler(new SyncFanOut(partners, queue, clock),
            new PendingDeliverySweep(stores.journal(), stores.ledger(), partners, usageQueue, deliveries, clock,
                    output.log), output.log, output.metrics, clock);

    private void partner(String id, PartnerStatus status) {
        partners.save(PartnerRecord.builder(PartnerId.of(id), clock.instant()).status(status).keyFingerprint("f").build());
    }

    @Test
    void handleRequest_shouldQueueOneSyncPerConnectedPartner_whenReplayingTheScheduleEvent() {
        partner("msp-a", PartnerStatus.ACTIVE);
        partner("msp-b", PartnerStatus.PENDING);
        partner("msp-c", PartnerStatus.NEEDS_KEY);

        Map<String, Object> answer = handler.handleRequest(EventFiles.schedule("schedule.json"), new FakeLambdaContext(60_000));

        assertEquals(Map.of("queued", 2, "skipped", 1, "complete", true, "deliveriesCompleted", 0), answer);
        assertEquals(Set.of(new SyncRequest(PartnerId.of("msp-a"), SyncReason.SCHEDULE),
                new SyncRequest(PartnerId.of("msp-b"), SyncReason.SCHEDULE)), Set.copyOf(queue.requests()));
        assertTrue(output.text().contains("\"message\":\"account syncs queued\""), output.text());
        assertTrue(output.text().contains("\"syncsQueued\":2"), output.text());
        assertTrue(output.text().contains("\"partnersInNeedsKey\":1"), output.text());
        assertTrue(output.text().contains("\"partnersActive\":"), output.text());
    }

    @Test
    void handleRequest_shouldApplyAWebhookDeliveryRecordedButNotApplied_whenTheScheduleFires() {
        partner("msp-a", PartnerStatus.ACTIVE);
        deliveries.stage(new StagedDelivery("0f".repeat(32), clock.instant(), List.of(
                TestEvents.set("e-1", PartnerId.of("msp-a"), "acct-1", "backup-server", "4", 1))));
        clock.advance(PendingDeliverySweep.MIN_AGE.plusSeconds(1));

        Map<String, Object> answer = handler.handleRequest(Map.of(), new FakeLambdaContext(60_000));

        assertEquals(1, answer.get("deliveriesCompleted"));
        assertTrue(deliveries.all().isEmpty());
        assertEquals(List.of(new PushRequest(PartnerId.of("msp-a"), AccountId.of("acct-1"), ServiceKey.of("backup-server"))),
                usageQueue.requests());
    }

    @Test
    void handleRequest_shouldQueueNothingAndLogAnError_whenNoTimeIsLeft() {
        partner("msp-a", PartnerStatus.ACTIVE);

        Map<String, Object> answer = handler.handleRequest(Map.of(), new FakeLambdaContext(1_000));

        assertEquals(false, answer.get("complete"));
        assertTrue(queue.requests().isEmpty());
        assertTrue(output.text().contains("\"level\":\"ERROR\""), output.text());
    }
}
