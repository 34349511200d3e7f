package io.gradientconnector.queue;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@link UsageQueue} on SQS: SendMessageBatch in chunks of 10 (the SQS maximum); any entry SQS
 * did not accept fails the call with its error codes. Thread-safe.
 */
public final class SqsUsageQueue implements UsageQueue {
    static final int BATCH_SIZE = 10;

    private final SqsClient client;
    private final String queueUrl;

    public SqsUsageQueue(SqsClient client, String queueUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(List<PushRequest> requests) {
        List<PushRequest> distinct = List.copyOf(new LinkedHashSet<>(requests));
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += BATCH_SIZE) {
            List<PushRequest> chunk = distinct.subList(from, Math.min(distinct.size(), from + BATCH_SIZE));
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
                throw new QueueException("the usage queue did not accept a batch of " + chunk.size() + " messages", e);
            }
        }
        if (!failed.isEmpty()) {
            String codes = failed.stream().map(BatchResultErrorEntry::code).distinct().collect(Collectors.joining(", "));
            throw new QueueException(failed.size() + " of " + distinct.size()
                    + " usage messages were not accepted (" + codes + ")");
        }
    }
}
