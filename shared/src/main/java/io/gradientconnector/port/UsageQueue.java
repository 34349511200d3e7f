package io.gradientconnector.port;

import io.gradientconnector.domain.PushRequest;

import java.util.List;

/** Queues ledger rows to push. Implementations are thread-safe. */
public interface UsageQueue {
    /**
     * Sends one message per distinct request (duplicates in the list are sent once). Throws
     * {@link QueueException} when any message was not accepted; callers treat the whole call as
     * failed (resending is harmless: the messages are idempotent).
     */
    void enqueue(List<PushRequest> requests);
}
