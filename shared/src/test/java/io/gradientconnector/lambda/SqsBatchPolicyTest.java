package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SqsBatchPolicyTest {
    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final SqsBatchPolicy policy = new SqsBatchPolicy("test",
            JsonLog.builder().function("f").out(out).clock(clock).build(),
            Metrics.builder().function("f").out(out).clock(clock).build());
    private final List<String> handled = new ArrayList<>();

    /** Bodies are numbers; anything else is poison. */
    private static final Function<String, Integer> PARSER = body -> {
        try {
            return Integer.valueOf(body);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("body must be a number");
        }
    };

    private static SQSEvent event(String... bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            message.setAttributes(Map.of("ApproximateReceiveCount", "2"));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachMessage_shouldReportOnlyTheMessagesTheWorkRetries() {
        SQSBatchResponse response = policy.eachMessage(event("1", "2", "3"), new FakeLambdaContext(1_000), PARSER,
                message -> {
                    handled.add(message.id());
                    return message.value() == 2 ? SqsBatchPolicy.Result.RETRY : SqsBatchPolicy.Result.DONE;
                });

        assertEquals(List.of("m1"), failed(response));
        assertEquals(List.of("m0", "m1", "m2"), handled);
    }

    @Test
    void eachMessage_shouldReportAPoisonMessageWithoutHandingItToTheWork() {
        SQSBatchResponse response = policy.eachMessage(event("1", "{not a number", "3"), null, PARSER, message -> {
            handled.add(message.id());
            return SqsBatchPolicy.Result.DONE;
        });

        assertEquals(List.of("m1"), failed(response));
        assertEquals(List.of("m0", "m2"), handled);
        String poison = Arrays.stream(text().split("\n")).filter(l -> l.contains("malformed test message"))
                .findFirst().orElseThrow();
        assertTrue(poison.contains("\"level\":\"ERROR\"") && poison.contains("\"messageId\":\"m1\"")
                && poison.contains("\"receiveCount\":\"2\"") && poison.contains("body must be a number"), poison);
        assertFalse(text().contains("{not a number"), "the body is never logged");
        assertTrue(text().contains("\"failures\":1"), text());
    }

    @Test
    void eachMessage_shouldRetryOnlyThatMessage_whenTheWorkThrows() {
        SQSBatchResponse response = policy.eachMessage(event("1", "2"), new FakeLambdaContext(1_000), PARSER,
                message -> {
                    if (message.value() == 1) {
                        throw new IllegalStateException("table unreachable");
                    }
                    handled.add(message.id());
                    return SqsBatchPolicy.Result.DONE;
                });

        assertEquals(List.of("m0"), failed(response));
        assertEquals(List.of("m1"), handled);
        assertTrue(text().contains("\"errorType\":\"java.lang.IllegalStateException\""), text());
        assertTrue(text().contains("\"requestId\":\"req-test\""), text());
    }

    @Test
    void wholeBatch_shouldHandTheParsedMessagesAtOnceAndReportWhatItReturnsAndThePoison() {
        List<Integer> values = new ArrayList<>();
        SQSBatchResponse response = policy.wholeBatch(event("1", "x", "3", "4"), null, PARSER, messages -> {
            messages.forEach(m -> values.add(m.value()));
            return List.of("m3", "m3");
        });

        assertEquals(List.of(1, 3, 4), values);
        assertEquals(List.of("m1", "m3"), failed(response));
    }

    @Test
    void wholeBatch_shouldRetryEveryParsedMessage_whenTheWorkThrows() {
        SQSBatchResponse response = policy.wholeBatch(event("1", "x", "3"), null, PARSER, messages -> {
            throw new IllegalStateException("down");
        });

        assertEquals(List.of("m1", "m0", "m2"), failed(response));
        assertTrue(text().contains("\"failures\":3"), text());
    }

    @Test
    void wholeBatch_shouldAnswerNoFailuresAndNotCallTheWork_whenTheEventIsEmptyOrNull() {
        SqsBatchPolicy.BatchWork<Integer> work = messages -> {
            throw new AssertionError("no messages, no work");
        };
        assertEquals(List.of(), failed(policy.wholeBatch(null, null, PARSER, work)));
        assertEquals(List.of(), failed(policy.wholeBatch(new SQSEvent(), null, PARSER, work)));
    }
}
