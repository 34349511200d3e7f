package io.gradientconnector.adapter.sqs;

import io.gradientconnector.port.UsageQueue;
import io.gradientconnector.port.UsageQueueContract;

import io.gradientconnector.testing.AwsEmulator;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

class SqsUsageQueueIT extends UsageQueueContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private String url;

    @Override
    protected UsageQueue newQueue() {
        url = AWS.createQueueWithDlq("usage").url();
        return new SqsUsageQueue(AWS.sqs(), url);
    }

    @Override
    protected List<String> receivedBodies(int expected) {
        return SqsMessages.drain(AWS.sqs(), url, expected);
    }
}
