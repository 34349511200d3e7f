package io.gradientconnector.testing;

import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.port.SyncQueue;

import java.util.ArrayList;
import java.util.List;

/** {@link SyncQueue} in memory: keeps the message bodies it was sent, in order. Thread-safe. */
public final class InMemorySyncQueue implements SyncQueue {
    private final List<String> bodies = new ArrayList<>();

    public static InMemorySyncQueue create() {
        return new InMemorySyncQueue();
    }

    @Override
    public synchronized void enqueue(SyncRequest request) {
        bodies.add(QueueMessages.toJson(request));
    }

    /** The JSON bodies sent so far. */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The requests sent so far, parsed back from their JSON. */
    public synchronized List<SyncRequest> requests() {
        return bodies.stream().map(QueueMessages::parseSyncRequest).toList();
    }

    /** Returns and forgets the requests sent so far. */
    public synchronized List<SyncRequest> drain() {
        List<SyncRequest> drained = requests();
        bodies.clear();
        return drained;
    }
}
