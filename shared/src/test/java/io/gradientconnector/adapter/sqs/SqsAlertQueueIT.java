package io.gradientconnector.adapter.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.testing.AwsEmulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** The alert queue on the emulator: batches now, single delayed messages, and the message JSON both ways. */
class SqsAlertQueueIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static AlertRef ref(int i) {
        return new AlertRef(PartnerId.of("p-1"), EventId.of("alert-é-" + i), Instant.parse("2025-03-01T12:00:00Z").plusSeconds(i));
    }

    @Test
    void enqueue_shouldSendEveryAlertOnce_inBatchesOfTen() {
        String url = AWS.createQueueWithDlq("alerts").url();
        List<AlertRef> refs = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            refs.add(ref(i));
        }
        refs.add(ref(0)); // the same alert twice in one call is sent once
        new SqsAlertQueue(AWS.sqs(), url).enqueue(refs);

        List<AlertRef> received = SqsMessages.drain(AWS.sqs(), url, 23).stream().map(QueueMessages::parseAlertRef).toList();
        assertEquals(23, received.size());
        assertTrue(received.containsAll(refs.subList(0, 23)));
    }

    @Test
    void enqueueLater_shouldHoldTheMessageForItsDelay() {
        String url = AWS.createQueueWithDlq("alerts-later").url();
        new SqsAlertQueue(AWS.sqs(), url).enqueueLater(ref(7), Duration.ofSeconds(2));

        int visibleAtOnce = AWS.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(url)
                .maxNumberOfMessages(10).build()).messages().size();
        assertEquals(0, visibleAtOnce, "delayed");
        List<String> bodies = new ArrayList<>();
        for (int poll = 0; poll < 10 && bodies.isEmpty(); poll++) {
            AWS.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).build()).messages().forEach(m -> bodies.add(m.body()));
        }
        assertEquals(List.of(ref(7)), bodies.stream().map(QueueMessages::parseAlertRef).toList());
    }

    @Test
    void enqueue_shouldThrowQueueException_whenTheQueueDoesNotExist() {
        SqsAlertQueue missing = new SqsAlertQueue(AWS.sqs(), AWS.endpoint() + "/000000000000/no-such-queue");
        assertThrows(QueueException.class, () -> missing.enqueueLater(ref(1), Duration.ZERO));
        assertThrows(QueueException.class, () -> missing.enqueue(List.of(ref(1))));
    }

    @Test
    void parseAlertRef_shouldNameTheField_whenTheMessageIsIncomplete() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueueMessages.parseAlertRef("{\"partnerId\":\"p\",\"alertId\":\"a\"}"));
        assertEquals("occurredAt must be a string", e.getMessage());
        assertEquals(ref(3), QueueMessages.parseAlertRef(QueueMessages.toJson(ref(3))));
    }
}
