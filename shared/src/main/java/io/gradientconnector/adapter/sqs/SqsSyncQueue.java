package io.gradientconnector.adapter.sqs;

import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.port.SyncQueue;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.List;
import java.util.Objects;

/** {@link SyncQueue} on SQS; {@link #enqueueAll} uses SendMessageBatch (10 per call). Thread-safe. */
public final class SqsSyncQueue implements SyncQueue {
    private final SqsClient client;
    private final String queueUrl;

    public SqsSyncQueue(SqsClient client, String queueUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(SyncRequest request) {
        try {
            client.sendMessage(SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(QueueMessages.toJson(request))
                    .build());
        } catch (SdkException e) {
            throw new QueueException("the sync queue did not accept the message", e);
        }
    }

    @Override
    public void enqueueAll(List<SyncRequest> requests) {
        SqsBatchSender.sendAll(client, queueUrl, "sync", requests, QueueMessages::toJson);
    }
}
