package io.gradientconnector.usagepush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.app.usage.CountPusher;
import io.gradientconnector.app.usage.PushReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The worker replaying {@code events/usage-push/} against a recording pusher. */
class UsagePushHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final UsageRowKey SERVER_ROW = UsageRowKey.of("partner-123", "acct-1001", "backup-server");
    private static final UsageRowKey WORKSTATION_ROW = UsageRowKey.of("partner-123", "acct-2001", "backup-workstation");

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:02Z");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Call> calls = new ArrayList<>();

    private record Call(PartnerId partnerId, List<UsageRowKey> rows, Instant deadline) {
    }

    static SQSEvent load(String file) throws IOException {
        // As the Lambda runtime deserialises it (aws-lambda-java-tests' EventLoader).
        return EventLoader.loadSQSEvent(Path.of(System.getProperty("connector.root", "../.."), "events", "usage-push", file)
                .toString());
    }

    private UsagePushHandler handler(Function<Call, PushReport> pusher) {
        CountPusher recording = (partnerId, rows, deadline) -> {
            Call call = new Call(partnerId, List.copyOf(rows), deadline);
            calls.add(call);
            return pusher.apply(call);
        };
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new UsagePushHandler(recording, clock,
                JsonLog.builder().function(UsagePushHandler.FUNCTION).out(print).clock(clock).build(),
                Metrics.builder().function(UsagePushHandler.FUNCTION).out(print).clock(clock).build());
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void load_shouldReadEveryMessage_whenGivenTheExample() throws IOException {
        SQSEvent event = load("sqs-batch.json");
        assertEquals(3, event.getRecords().size());
        assertEquals("059f36b4-87a3-44ab-83d2-661975830a7d", event.getRecords().get(0).getMessageId());
        assertTrue(event.getRecords().get(0).getBody().contains("acct-1001"));
    }

    @Test
    void handleRequest_shouldPushEachRowOncePerPartnerWithinTheRemainingTime_whenMessagesRepeatARow() throws IOException {
        SQSBatchResponse response = handler(call -> new PushReport(2, 0, 0, 0, false, List.of()))
                .handleRequest(load("sqs-batch.json"), new FakeLambdaContext(30_000));

        assertEquals(List.of(), failedIds(response));
        assertEquals(1, calls.size());
        assertEquals(List.of(SERVER_ROW, WORKSTATION_ROW), calls.get(0).rows());
        assertEquals(clock.instant().plusSeconds(25), calls.get(0).deadline(), "remaining time minus the safety margin");
    }

    @Test
    void handleRequest_shouldReportEveryMessageOfARetryableRow_whenThePusherLeavesItForRedelivery() throws IOException {
        SQSBatchResponse response = handler(call -> new PushReport(1, 0, 0, 0, false, List.of(SERVER_ROW)))
                .handleRequest(load("sqs-batch.json"), new FakeLambdaContext(30_000));

        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975830a7d", "2e1424d4-f796-459a-8184-9c92662be6da"),
                failedIds(response));
    }

    // Both workers follow one SqsBatchPolicy: a poison message is reported (so it reaches the DLQ and its alarm)
    // instead of being acked as this worker used to do.
    @Test
    void handleRequest_shouldReportAPoisonMessageAndPushTheRest_whenOneMessageCannotBeRead() throws IOException {
        SQSEvent event = load("sqs-poison-message.json");
        SQSBatchResponse response = handler(call -> new PushReport(1, 0, 0, 0, false, List.of()))
                .handleRequest(event, new FakeLambdaContext(30_000));

        List<String> poison = event.getRecords().stream().filter(m -> !m.getBody().contains("acct-1001"))
                .map(SQSEvent.SQSMessage::getMessageId).toList();
        assertEquals(1, poison.size());
        assertEquals(poison, failedIds(response));
        assertEquals(List.of(SERVER_ROW), calls.get(0).rows());
        String written = out.toString(StandardCharsets.UTF_8);
        assertTrue(written.contains("malformed usage message"));
        assertTrue(written.contains("\"failures\":1"));
    }

    @Test
    void handleRequest_shouldFailOnlyThatPartnersMessages_whenItsPushThrows() throws IOException {
        SQSEvent event = load("sqs-batch.json");
        SQSEvent.SQSMessage other = new SQSEvent.SQSMessage();
        other.setMessageId("other-partner-message");
        other.setBody("{\"partnerId\":\"partner-456\",\"accountId\":\"a\",\"service\":\"backup-server\"}");
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(other);
        event.setRecords(records);

        SQSBatchResponse response = handler(call -> {
            if (call.partnerId().value().equals("partner-123")) {
                throw new IllegalStateException("table unreachable");
            }
            return new PushReport(1, 0, 0, 0, false, List.of());
        }).handleRequest(event, new FakeLambdaContext(30_000));

        assertEquals(3, failedIds(response).size());
        assertTrue(!failedIds(response).contains("other-partner-message"));
        assertEquals(2, calls.size());
    }

    @Test
    void handleRequest_shouldPassADeadlineThatHasPassed_whenLessThanTheSafetyMarginRemains() throws IOException {
        handler(call -> new PushReport(0, 0, 0, 0, false, call.rows()))
                .handleRequest(load("sqs-batch.json"), new FakeLambdaContext(1_000));

        assertEquals(clock.instant(), calls.get(0).deadline());
    }

    @Test
    void handleRequest_shouldPutRequestIdColdStartAndVersionOnEveryLine_includingTheUseCasesOwnLog() throws IOException {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        JsonLog root = JsonLog.builder().function(UsagePushHandler.FUNCTION).out(print).clock(clock).build();
        JsonLog useCaseLog = root.with("component", "pusher"); // built once per container, like UsagePushService's
        CountPusher pusher = (partnerId, rows, deadline) -> {
            useCaseLog.with("partnerId", partnerId.value()).info("pushed counts");
            return new PushReport(rows.size(), 0, 0, 0, false, List.of());
        };
        UsagePushHandler handler = new UsagePushHandler(pusher, clock, root,
                Metrics.builder().function(UsagePushHandler.FUNCTION).out(print).clock(clock).build());

        handler.handleRequest(load("sqs-batch.json"), new FakeLambdaContext(30_000));
        handler.handleRequest(load("sqs-poison-message.json"), new FakeLambdaContext(30_000));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = JSON.readTree(line);
            if (!node.has("_aws")) { // EMF documents are metrics, not log lines
                lines.add(node);
            }
        }
        assertTrue(lines.size() >= 2, lines::toString);
        for (JsonNode line : lines) {
            assertEquals("req-test", line.path("requestId").asText(), line::toString);
            assertEquals("1", line.path("function_version").asText(), line::toString);
            assertTrue(line.path("cold_start").isBoolean(), line::toString);
        }
        assertTrue(lines.get(0).get("cold_start").asBoolean(), "the container's first invocation is cold");
        assertEquals(false, lines.get(lines.size() - 1).get("cold_start").asBoolean(), "the second is warm");
    }

    @Test
    void handleRequest_shouldRecordPushLatencyFromSentTimestamp_forAcknowledgedMessagesOnly() throws IOException {
        SQSEvent event = load("sqs-batch.json");
        long sent = clock.instant().minusMillis(1500).toEpochMilli();
        event.getRecords().forEach(m -> m.setAttributes(java.util.Map.of("SentTimestamp", Long.toString(sent))));

        handler(call -> new PushReport(2, 0, 0, 0, false, List.of())).handleRequest(event, new FakeLambdaContext(30_000));

        String emf = out.toString(StandardCharsets.UTF_8);
        assertTrue(emf.contains("\"pushLatencyMs\":[1500,1500,1500]"), emf);
    }
}
