package io.gradientconnector.port;

import io.gradientconnector.domain.SyncRequest;

import java.util.List;

/** Queues account syncs. Implementations are thread-safe. */
public interface SyncQueue {
    /** Sends one message; throws {@link QueueException} when the queue did not accept it. */
    void enqueue(SyncRequest request);

    /**
     * Sends one message per request (the schedule's fan-out). Throws {@link QueueException} when any
     * was not accepted; resending is harmless, since a sync of an unchanged partner changes nothing.
     * The default sends them one at a time; SQS sends batches.
     */
    default void enqueueAll(List<SyncRequest> requests) {
        requests.forEach(this::enqueue);
    }
}
