package io.gradientconnector.adapter.sqs;

import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueException;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batching and partial failures, which a real queue will not produce on demand. */
class SqsUsageQueueTest {

    /** An SqsClient that records batch sizes and fails the entries whose id is in {@code failIds}. */
    private static final class RecordingSqs implements SqsClient {
        final List<Integer> batchSizes = new ArrayList<>();
        final List<String> failIds;

        RecordingSqs(List<String> failIds) {
            this.failIds = failIds;
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            batchSizes.add(request.entries().size());
            var ok = new ArrayList<SendMessageBatchResultEntry>();
            var failed = new ArrayList<BatchResultErrorEntry>();
            request.entries().forEach(e -> {
                if (failIds.contains(e.id())) {
                    failed.add(BatchResultErrorEntry.builder().id(e.id()).code("InternalError").senderFault(false).build());
                } else {
                    ok.add(SendMessageBatchResultEntry.builder().id(e.id()).messageId("m" + e.id()).build());
                }
            });
            return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    private static List<PushRequest> requests(int n) {
        return IntStream.range(0, n).mapToObj(i -> new PushRequest(PartnerId.of("msp-1"), AccountId.of("a" + i),
                ServiceKey.of("backup-server"))).toList();
    }

    @Test
    void enqueue_shouldSendBatchesOfTen() {
        RecordingSqs sqs = new RecordingSqs(List.of());

        new SqsUsageQueue(sqs, "https://queue").enqueue(requests(25));

        assertEquals(List.of(10, 10, 5), sqs.batchSizes);
    }

    @Test
    void enqueue_shouldFailLoudly_whenAnyEntryWasNotAccepted() {
        RecordingSqs sqs = new RecordingSqs(List.of("1")); // entry 1 of each batch: a1 and a11

        QueueException e = assertThrows(QueueException.class,
                () -> new SqsUsageQueue(sqs, "https://queue").enqueue(requests(12)));

        assertEquals(List.of(10, 2), sqs.batchSizes, "every batch is still attempted");
        assertTrue(e.getMessage().contains("2 of 12"), e.getMessage());
        assertTrue(e.getMessage().contains("InternalError"), e.getMessage());
        assertFalse(e.getMessage().contains("a11"), "no payload in the message");
    }
}
