package io.gradientconnector.queue;

/** Queues account syncs. Implementations are thread-safe. */
public interface SyncQueue {
    /** Sends one message; throws {@link QueueException} when the queue did not accept it. */
    void enqueue(SyncRequest request);
}
