package io.gradientconnector.accountsync;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Does what Lambda's SQS event source does for the worker, against a real (emulated) queue: receive
 * a batch, invoke the handler, delete the messages it did not report, and make the reported ones
 * visible again at once (standing in for the visibility timeout running out, so no test waits).
 * After {@code maxReceiveCount} receives the queue itself moves a message to its dead-letter queue.
 */
final class SqsPoller {
    private final SqsClient sqs;
    private final String queueUrl;

    SqsPoller(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** One delivery; the batch is ordered by body so tests know which message is handled first. */
    SQSBatchResponse deliver(Function<SQSEvent, SQSBatchResponse> handler) {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(0).visibilityTimeout(30)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().stream()
                .sorted(Comparator.comparing(Message::body)).toList();
        if (received.isEmpty()) {
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        }
        SQSBatchResponse response = handler.apply(EventFiles.event(received.stream()
                .map(m -> EventFiles.message(m.messageId(), m.body(), attributes(m))).toList()));
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message message : received) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                        .visibilityTimeout(0));
            } else {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return response;
    }

    /** Bodies of every message now visible in {@code url}, removing them. */
    static List<String> drain(SqsClient sqs, String url) {
        List<String> bodies = new java.util.ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(30)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    private static Map<String, String> attributes(Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
        return attributes;
    }
}
