package io.gradientconnector.app.sync;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.testing.InMemorySyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.testing.InMemoryPartnerStore;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncFanOutTest {
    private final MutableClock clock = MutableClock.at("2025-06-01T00:00:00Z");
    private final InMemoryPartnerStore partners = InMemoryPartnerStore.create();
    private final InMemorySyncQueue queue = InMemorySyncQueue.create();
    private final SyncFanOut fanOut = new SyncFanOut(partners, queue, clock);

    private void partner(String id, PartnerStatus status) {
        partners.save(PartnerRecord.builder(PartnerId.of(id), clock.instant()).status(status).keyFingerprint("f").build());
    }

    @Test
    void fanOut_shouldQueueOneScheduleSyncPerPendingOrActivePartner_whenSomeCannotSync() {
        partner("a-pending", PartnerStatus.PENDING);
        partner("b-active", PartnerStatus.ACTIVE);
        partner("c-needs-key", PartnerStatus.NEEDS_KEY);
        partner("d-disconnected", PartnerStatus.DISCONNECTED);

        SyncFanOut.Report report = fanOut.fanOut(clock.instant().plusSeconds(60));

        assertEquals(new SyncFanOut.Report(2, 2, true, Map.of(PartnerStatus.PENDING, 1, PartnerStatus.ACTIVE, 1,
                PartnerStatus.NEEDS_KEY, 1, PartnerStatus.DISCONNECTED, 1)), report);
        assertEquals(Set.of(new SyncRequest(PartnerId.of("a-pending"), SyncReason.SCHEDULE),
                new SyncRequest(PartnerId.of("b-active"), SyncReason.SCHEDULE)), Set.copyOf(queue.requests()));
    }

    @Test
    void fanOut_shouldQueueEveryPartnerOnce_whenThereAreSeveralPages() {
        int count = SyncFanOut.PAGE_SIZE * 2 + 7;
        for (int i = 0; i < count; i++) {
            partner(String.format("p-%05d", i), PartnerStatus.ACTIVE);
        }

        SyncFanOut.Report report = fanOut.fanOut(clock.instant().plusSeconds(60));

        assertEquals(new SyncFanOut.Report(count, 0, true, Map.of(PartnerStatus.ACTIVE, count)), report);
        Set<PartnerId> queued = queue.requests().stream().map(SyncRequest::partnerId).collect(Collectors.toSet());
        assertEquals(count, queued.size());
        assertEquals(count, queue.requests().size());
    }

    @Test
    void fanOut_shouldStopAndSaySo_whenTheDeadlineHasPassed() {
        partner("a-pending", PartnerStatus.PENDING);
        clock.advance(Duration.ofMinutes(1));

        SyncFanOut.Report report = fanOut.fanOut(clock.instant());

        assertEquals(new SyncFanOut.Report(0, 0, false), report);
        assertTrue(queue.requests().isEmpty());
    }
}
