package io.gradientconnector.adapter.sqs;

import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.QueueMessages;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@link AlertQueue} on SQS: SendMessageBatch in chunks of 10 for alerts to look at now, SendMessage with
 * {@code DelaySeconds} (at most 900) for a later look. Thread-safe.
 */
public final class SqsAlertQueue implements AlertQueue {
    /** SQS's longest message delay. */
    static final int MAX_DELAY_SECONDS = 900;

    private final SqsClient client;
    private final String queueUrl;

    public SqsAlertQueue(SqsClient client, String queueUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(List<AlertRef> alerts) {
        List<AlertRef> distinct = List.copyOf(new LinkedHashSet<>(alerts));
        SqsBatchSender.sendAll(client, queueUrl, "alert", distinct, QueueMessages::toJson);
    }

    @Override
    public void enqueueLater(AlertRef alert, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds()));
        try {
            client.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl)
                    .messageBody(QueueMessages.toJson(alert)).delaySeconds(seconds).build());
        } catch (SdkException e) {
            throw new QueueException("the alert queue did not accept a message", e);
        }
    }
}
