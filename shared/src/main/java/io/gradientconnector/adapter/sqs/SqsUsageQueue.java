package io.gradientconnector.adapter.sqs;

import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.port.UsageQueue;

import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * {@link UsageQueue} on SQS: SendMessageBatch in chunks of 10 (the SQS maximum); any entry SQS
 * did not accept fails the call with its error codes. Every message carries its partner as {@code MessageGroupId},
 * which makes the standard queue a fair queue: a partner with a large backlog does not hold back the messages of the
 * others (docs/ARCHITECTURE.md, "Pushing within Gradient's 100 requests/s"). Thread-safe.
 */
public final class SqsUsageQueue implements UsageQueue {
    private final SqsClient client;
    private final String queueUrl;

    public SqsUsageQueue(SqsClient client, String queueUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(List<PushRequest> requests) {
        List<PushRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        SqsBatchSender.sendAll(client, queueUrl, "usage", distinct, QueueMessages::toJson,
                request -> request.partnerId().value());
    }
}
