package io.gradientconnector.adapter.sqs;

import io.gradientconnector.port.QueueException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SendMessageBatch in chunks of 10 (the SQS maximum) for the SQS queue adapters; entries SQS did
 * not accept fail the call with their error codes once every chunk has been sent. Stateless.
 */
final class SqsBatchSender {
    static final int BATCH_SIZE = 10;

    private SqsBatchSender() {
    }

    /**
     * Sends every message; {@code queueName} ("sync", "usage") names the queue in exception messages.
     *
     * @throws QueueException when a batch call fails or SQS rejects any entry
     */
    static <T> void sendAll(SqsClient client, String queueUrl, String queueName,
                            List<T> messages, Function<T, String> toBody) {
        sendAll(client, queueUrl, queueName, messages, toBody, null);
    }

    /**
     * As {@link #sendAll(SqsClient, String, String, List, Function)}, each message with the {@code MessageGroupId}
     * {@code groupOf} gives it: on a standard queue that makes SQS deliver fairly between groups (fair queues).
     */
    static <T> void sendAll(SqsClient client, String queueUrl, String queueName,
                            List<T> messages, Function<T, String> toBody, Function<T, String> groupOf) {
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += BATCH_SIZE) {
            List<T> chunk = messages.subList(from, Math.min(messages.size(), from + BATCH_SIZE));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageBody(toBody.apply(chunk.get(i)))
                        .messageGroupId(groupOf == null ? null : groupOf.apply(chunk.get(i)))
                        .build());
            }
            try {
                SendMessageBatchResponse response = client.sendMessageBatch(SendMessageBatchRequest.builder()
                        .queueUrl(queueUrl).entries(entries).build());
                failed.addAll(response.failed());
            } catch (SdkException e) {
                throw new QueueException("the " + queueName + " queue did not accept a batch of "
                        + chunk.size() + " messages", e);
            }
        }
        if (!failed.isEmpty()) {
            String codes = failed.stream().map(BatchResultErrorEntry::code).distinct().collect(Collectors.joining(", "));
            throw new QueueException(failed.size() + " of " + messages.size()
                    + " " + queueName + " messages were not accepted (" + codes + ")");
        }
    }
}
