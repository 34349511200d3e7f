package io.gradientconnector.localrun.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.function.InvocationResult;
import io.gradientconnector.localrun.template.QueueTrigger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class QueuePollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeSqs sqs = new FakeSqs();
    private final List<byte[]> events = new ArrayList<>();
    private InvocationResult answer = new InvocationResult(InvocationResult.Status.OK,
            "null".getBytes(StandardCharsets.UTF_8));
    private final List<Duration> sleeps = new ArrayList<>();
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    private QueuePoller poller(int batchSize, int windowSeconds, boolean report) {
        QueueTrigger trigger = new QueueTrigger("Fn", "Work", "Queue", batchSize, windowSeconds, 2, report, true);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return QueuePoller.builder().trigger(trigger).queue("q", "http://sqs/q", "arn:aws:sqs:us-east-1:1:q")
                .sqs(sqs).functions((id, event) -> {
                    events.add(event);
                    return answer;
                }).clock(clock).sleeper(d -> {
                    sleeps.add(d);
                    now = now.plus(d);
                }).idleDelay(Duration.ofMillis(250))
                .console(new ConsoleLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .build();
    }

    private static List<Message> messages(String... ids) {
        List<Message> messages = new ArrayList<>();
        for (String id : ids) {
            messages.add(FakeSqs.message(id));
        }
        return messages;
    }

    private void answer(String json) {
        answer = new InvocationResult(InvocationResult.Status.OK, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void process_shouldDeleteAllButTheReportedFailures_whenHandlerReportsBatchItemFailures() {
        answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}");

        poller(10, 0, true).process(messages("a", "b", "c"));

        assertEquals(List.of("rh-a", "rh-c"), sqs.deleted);
    }

    @Test
    void process_shouldDeleteNothing_whenTheFunctionFails() {
        answer = InvocationResult.error(InvocationResult.Status.FUNCTION_ERROR, "X", "boom");

        poller(10, 0, true).process(messages("a", "b"));

        assertTrue(sqs.deleted.isEmpty());
    }

    @Test
    void process_shouldFailTheWholeBatch_whenAReportedIdIsNotInTheBatch() {
        answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"zzz\"}]}");

        poller(10, 0, true).process(messages("a", "b"));

        assertTrue(sqs.deleted.isEmpty());
    }

    @Test
    void process_shouldIgnoreTheResponse_whenTriggerDoesNotReportBatchItemFailures() {
        answer("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"}]}");

        poller(10, 0, false).process(messages("a", "b"));

        assertEquals(List.of("rh-a", "rh-b"), sqs.deleted);
    }

    @Test
    void process_shouldSendLambdasSqsEvent_whenInvoking() throws Exception {
        poller(10, 0, true).process(messages("a"));

        JsonNode record = JSON.readTree(events.get(0)).path("Records").get(0);
        assertEquals("a", record.path("messageId").asText());
        assertEquals("rh-a", record.path("receiptHandle").asText());
        assertEquals("body-a", record.path("body").asText());
        assertEquals("aws:sqs", record.path("eventSource").asText());
        assertEquals("arn:aws:sqs:us-east-1:1:q", record.path("eventSourceARN").asText());
        assertEquals("us-east-1", record.path("awsRegion").asText());
    }

    @Test
    void collectBatch_shouldReturnAtOnce_whenThereIsNoWindowAndAReceiveIsNotFull() throws Exception {
        sqs.receives.add(messages("a", "b"));
        sqs.receives.add(messages("c"));

        List<Message> batch = poller(10, 0, true).collectBatch();

        assertEquals(2, batch.size());
        assertEquals(0, sqs.receiveRequests.get(0).waitTimeSeconds(), "never long-polls the serial moto");
    }

    @Test
    void collectBatch_shouldGatherUntilTheWindowEnds_whenAWindowIsSet() throws Exception {
        sqs.receives.add(messages("a"));
        sqs.receives.add(List.of());
        sqs.receives.add(messages("b", "a"));

        List<Message> batch = poller(10, 1, true).collectBatch();

        assertEquals(List.of("b", "a"), batch.stream().map(Message::messageId).toList(),
                "a message received again counts once");
        assertEquals(Duration.ofSeconds(1), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void collectBatch_shouldStopAtTheBatchSize_whenMoreMessagesWait() throws Exception {
        sqs.receives.add(messages("a", "b"));
        sqs.receives.add(messages("c"));

        List<Message> batch = poller(3, 5, true).collectBatch();

        assertEquals(3, batch.size());
        assertEquals(3, sqs.receiveRequests.get(0).maxNumberOfMessages());
        assertEquals(1, sqs.receiveRequests.get(1).maxNumberOfMessages());
    }
}
