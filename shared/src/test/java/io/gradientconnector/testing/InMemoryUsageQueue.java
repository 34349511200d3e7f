package io.gradientconnector.testing;

import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.port.UsageQueue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@link UsageQueue} in memory: keeps the message bodies it was sent, in order. Thread-safe. */
public final class InMemoryUsageQueue implements UsageQueue {
    private final List<String> bodies = new ArrayList<>();

    public static InMemoryUsageQueue create() {
        return new InMemoryUsageQueue();
    }

    @Override
    public synchronized void enqueue(List<PushRequest> requests) {
        new LinkedHashSet<>(requests).forEach(r -> bodies.add(QueueMessages.toJson(r)));
    }

    /** The JSON bodies sent so far. */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The requests sent so far, parsed back from their JSON. */
    public synchronized List<PushRequest> requests() {
        return bodies.stream().map(QueueMessages::parsePushRequest).toList();
    }

    /** Returns and forgets the requests sent so far. */
    public synchronized List<PushRequest> drain() {
        List<PushRequest> drained = requests();
        bodies.clear();
        return drained;
    }
}
