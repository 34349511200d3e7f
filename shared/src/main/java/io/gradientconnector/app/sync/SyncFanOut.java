package io.gradientconnector.app.sync;

import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The schedule's fan-out: one sync-queue message per connected partner, so thousands of partners
 * are synced by many short worker invocations instead of one long loop. Partners are listed a page
 * of {@value #PAGE_SIZE} at a time and each page is queued in SQS batches of 10, so the work per
 * partner is a fraction of a DynamoDB page read and a tenth of a SendMessageBatch: tens of thousands
 * of partners fit in the function's minute. Should it still reach {@code deadline}, it stops
 * between pages and says so ({@link Report#complete()} false); the partners not reached are
 * queued by the next run (a sync message is idempotent, so sending some twice is harmless).
 * Thread-safe (stateless apart from its thread-safe collaborators).
 */
public final class SyncFanOut {
    static final int PAGE_SIZE = Page.MAX_LIMIT;

    private final PartnerStore partners;
    private final SyncQueue queue;
    private final Clock clock;

    public SyncFanOut(PartnerStore partners, SyncQueue queue, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param queued   partners a message was sent for (status PENDING or ACTIVE)
     * @param skipped  partners left out (NEEDS_KEY waits for a new key, DISCONNECTED for nothing)
     * @param complete false when {@code deadline} stopped the listing early
     * @param byStatus how many partners of each status the listing saw (every status present, zero or more)
     */
    public record Report(int queued, int skipped, boolean complete, Map<PartnerStatus, Integer> byStatus) {
        public Report {
            EnumMap<PartnerStatus, Integer> all = new EnumMap<>(PartnerStatus.class);
            for (PartnerStatus status : PartnerStatus.values()) {
                all.put(status, Objects.requireNonNull(byStatus, "byStatus").getOrDefault(status, 0));
            }
            byStatus = Collections.unmodifiableMap(all);
        }

        /** A report without the status breakdown (every status zero). */
        public Report(int queued, int skipped, boolean complete) {
            this(queued, skipped, complete, Map.of());
        }
    }

    /** Queues a {@link SyncReason#SCHEDULE} sync for every partner that may sync. */
    public Report fanOut(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        int queued = 0;
        int skipped = 0;
        Map<PartnerStatus, Integer> byStatus = new EnumMap<>(PartnerStatus.class);
        Optional<String> cursor = Optional.empty();
        do {
            if (!clock.instant().isBefore(deadline)) {
                return new Report(queued, skipped, false, byStatus);
            }
            Page<PartnerRecord> page = partners.list(cursor, PAGE_SIZE);
            page.items().forEach(p -> byStatus.merge(p.status(), 1, Integer::sum));
            List<SyncRequest> requests = page.items().stream()
                    .filter(p -> p.status() == PartnerStatus.PENDING || p.status() == PartnerStatus.ACTIVE
                            || (p.status() == PartnerStatus.DISCONNECTED && p.retiredKeyFingerprint().isPresent()))
                    .map(p -> new SyncRequest(p.partnerId(), SyncReason.SCHEDULE))
                    .toList();
            queue.enqueueAll(requests);
            queued += requests.size();
            skipped += page.items().size() - requests.size();
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        return new Report(queued, skipped, true, byStatus);
    }
}
