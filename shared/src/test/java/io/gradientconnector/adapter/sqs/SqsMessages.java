package io.gradientconnector.adapter.sqs;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.util.ArrayList;
import java.util.List;

/** Drains bodies from a test queue: polls (no waiting) until {@code expected} arrived, then once more. */
final class SqsMessages {
    private static final int MAX_POLLS = 50;

    private SqsMessages() {
    }

    static List<String> drain(SqsClient sqs, String queueUrl, int expected) {
        List<String> bodies = new ArrayList<>();
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            List<Message> messages = sqs.receiveMessage(ReceiveMessageRequest.builder()
                    .queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0).visibilityTimeout(30).build())
                    .messages();
            messages.forEach(m -> bodies.add(m.body()));
            if (bodies.size() >= expected && messages.isEmpty()) {
                break;
            }
        }
        return bodies;
    }
}
