package io.gradientconnector.testing;

import io.gradientconnector.port.UsageQueue;
import io.gradientconnector.port.UsageQueueContract;

import java.util.List;

class InMemoryUsageQueueTest extends UsageQueueContract {
    private InMemoryUsageQueue queue;

    @Override
    protected UsageQueue newQueue() {
        queue = InMemoryUsageQueue.create();
        return queue;
    }

    @Override
    protected List<String> receivedBodies(int expected) {
        return queue.bodies();
    }
}
