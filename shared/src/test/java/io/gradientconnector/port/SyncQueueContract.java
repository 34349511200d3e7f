package io.gradientconnector.port;

import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;

import io.gradientconnector.domain.PartnerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@link SyncQueue} sends, run against the fake and SQS. */
public abstract class SyncQueueContract {
    private SyncQueue queue;

    protected abstract SyncQueue newQueue();

    /** The bodies that reached the queue so far, in any order. */
    protected abstract List<String> receivedBodies(int expected);

    @BeforeEach
    void freshQueue() {
        queue = newQueue();
    }

    @Test
    void enqueue_shouldSendTheDocumentedJson() {
        queue.enqueue(new SyncRequest(PartnerId.of("msp-1"), SyncReason.KEY_SUBMITTED));

        List<String> bodies = receivedBodies(1);

        assertEquals(List.of("{\"partnerId\":\"msp-1\",\"reason\":\"key-submitted\"}"), bodies);
        assertEquals(new SyncRequest(PartnerId.of("msp-1"), SyncReason.KEY_SUBMITTED),
                QueueMessages.parseSyncRequest(bodies.get(0)));
    }

    @Test
    void enqueue_shouldSendOneMessagePerCall() {
        queue.enqueue(new SyncRequest(PartnerId.of("msp-1"), SyncReason.SCHEDULE));
        queue.enqueue(new SyncRequest(PartnerId.of("msp-1"), SyncReason.MANUAL));

        assertEquals(java.util.Set.of(SyncReason.MANUAL, SyncReason.SCHEDULE), receivedBodies(2).stream()
                .map(QueueMessages::parseSyncRequest).map(SyncRequest::reason).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void enqueueAll_shouldSendOneMessagePerRequest_whenMoreThanOneBatch() {
        List<SyncRequest> requests = java.util.stream.IntStream.range(0, 23)
                .mapToObj(i -> new SyncRequest(PartnerId.of("msp-" + i), SyncReason.SCHEDULE)).toList();

        queue.enqueueAll(requests);

        List<String> bodies = receivedBodies(23);
        assertEquals(23, bodies.size());
        assertEquals(java.util.Set.copyOf(requests), bodies.stream()
                .map(QueueMessages::parseSyncRequest).collect(java.util.stream.Collectors.toSet()));
    }
}
