package io.gradientconnector.adapter.sqs;

import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.port.SyncQueueContract;

import io.gradientconnector.testing.AwsEmulator;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

class SqsSyncQueueIT extends SyncQueueContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private String url;

    @Override
    protected SyncQueue newQueue() {
        url = AWS.createQueueWithDlq("sync").url();
        return new SqsSyncQueue(AWS.sqs(), url);
    }

    @Override
    protected List<String> receivedBodies(int expected) {
        return SqsMessages.drain(AWS.sqs(), url, expected);
    }
}
