package io.gradientconnector.adapter.sqs;

import io.gradientconnector.adapter.aws.ThrowingClient;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.port.QueueException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SDK failures the emulator will not produce on demand become {@link QueueException}. */
class SqsFailuresTest {

    private static final PartnerId PARTNER = PartnerId.of("msp-1");

    @Test
    void usageEnqueue_shouldThrowQueueException_whenTheServiceFails() {
        SdkException missing = QueueDoesNotExistException.builder().message("no such queue").build();
        SqsUsageQueue queue = new SqsUsageQueue(ThrowingClient.of(SqsClient.class, missing), "https://queue");

        QueueException e = assertThrows(QueueException.class, () -> queue.enqueue(List.of(
                new PushRequest(PARTNER, AccountId.of("a1"), ServiceKey.of("backup-server")))));

        assertSame(missing, e.getCause());
    }

    @Test
    void syncEnqueue_shouldThrowQueueException_whenTheClientCannotConnect() {
        SdkException unreachable = SdkClientException.create("Unable to execute HTTP request");
        SqsSyncQueue queue = new SqsSyncQueue(ThrowingClient.of(SqsClient.class, unreachable), "https://queue");
        SyncRequest request = new SyncRequest(PARTNER, SyncReason.SCHEDULE);

        assertSame(unreachable, assertThrows(QueueException.class, () -> queue.enqueue(request)).getCause());
        assertSame(unreachable, assertThrows(QueueException.class,
                () -> queue.enqueueAll(List.of(request, request))).getCause());
    }
}
