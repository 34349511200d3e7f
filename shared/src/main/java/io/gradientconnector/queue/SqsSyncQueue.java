package io.gradientconnector.queue;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@link SyncQueue} on SQS; {@link #enqueueAll} uses SendMessageBatch (10 per call). Thread-safe. */
public final class SqsSyncQueue implements SyncQueue {
    static final int BATCH_SIZE = 10;

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
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += BATCH_SIZE) {
            List<SyncRequest> chunk = requests.subList(from, Math.min(requests.size(), from + BATCH_SIZE));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(QueueMessages.toJson(chunk.get(i)))
                        .build());
            }
            try {
                SendMessageBatchResponse response = client.sendMessageBatch(SendMessageBatchRequest.builder()
                        .queueUrl(queueUrl).entries(entries).build());
                failed.addAll(response.failed());
            } catch (SdkException e) {
                throw new QueueException("the sync queue did not accept a batch of " + chunk.size() + " messages", e);
            }
        }
        if (!failed.isEmpty()) {
            String codes = failed.stream().map(BatchResultErrorEntry::code).distinct().collect(Collectors.joining(", "));
            throw new QueueException(failed.size() + " of " + requests.size()
                    + " sync messages were not accepted (" + codes + ")");
        }
    }
}
