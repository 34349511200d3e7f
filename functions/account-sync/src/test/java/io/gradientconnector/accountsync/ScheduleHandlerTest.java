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

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleHandlerTest {
    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final InMemoryPartnerStore partners = InMemoryPartnerStore.create();
    private final InMemorySyncQueue queue = InMemorySyncQueue.create();
    private final CapturedOutput output = new CapturedOutput(ScheduleHandler.FUNCTION, clock);
    private final ScheduleHandler handler = new ScheduleHandler(new SyncFanOut(partners, queue, clock), output.log,
            output.metrics, clock);

    private void partner(String id, PartnerStatus status) {
        partners.save(PartnerRecord.builder(PartnerId.of(id), clock.instant()).status(status).keyFingerprint("f").build());
    }

    @Test
    void handleRequest_shouldQueueOneSyncPerConnectedPartner_whenReplayingTheScheduleEvent() {
        partner("msp-a", PartnerStatus.ACTIVE);
        partner("msp-b", PartnerStatus.PENDING);
        partner("msp-c", PartnerStatus.NEEDS_KEY);

        Map<String, Object> answer = handler.handleRequest(EventFiles.schedule("schedule.json"), new FakeLambdaContext(60_000));

        assertEquals(Map.of("queued", 2, "skipped", 1, "complete", true), answer);
        assertEquals(Set.of(new SyncRequest(PartnerId.of("msp-a"), SyncReason.SCHEDULE),
                new SyncRequest(PartnerId.of("msp-b"), SyncReason.SCHEDULE)), Set.copyOf(queue.requests()));
        assertTrue(output.text().contains("\"message\":\"account syncs queued\""), output.text());
        assertTrue(output.text().contains("\"syncsQueued\":2"), output.text());
        assertTrue(output.text().contains("\"partnersInNeedsKey\":1"), output.text());
        assertTrue(output.text().contains("\"partnersActive\":"), output.text());
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
