package io.gradientconnector.testing;

import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.port.SyncQueueContract;

import java.util.List;

class InMemorySyncQueueTest extends SyncQueueContract {
    private InMemorySyncQueue queue;

    @Override
    protected SyncQueue newQueue() {
        queue = InMemorySyncQueue.create();
        return queue;
    }

    @Override
    protected List<String> receivedBodies(int expected) {
        return queue.bodies();
    }
}
