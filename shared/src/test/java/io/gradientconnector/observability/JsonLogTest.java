package io.gradientconnector.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.123456Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private JsonLog log(JsonLog.Level level) {
        return JsonLog.builder().function("usage-push").level(level).out(out).clock(CLOCK).build();
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n", -1)) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line.stripTrailing()));
            }
        }
        return nodes;
    }

    @Test
    void info_shouldWriteOneJsonObjectWithStandardFields_whenCalled() throws Exception {
        log(JsonLog.Level.INFO).info("pushed count");

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        JsonNode line = lines.get(0);
        assertEquals("2025-03-04T05:06:07.123Z", line.get("timestamp").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("pushed count", line.get("message").asText());
        assertEquals("gradient-connector", line.get("service").asText());
        assertEquals("usage-push", line.get("function").asText());
        assertTrue(line.get("cold_start").asBoolean(), "before any invocation the container is cold");
        assertEquals(6, line.size());
    }

    @Test
    void with_shouldAddTypedContextFields_andLeaveTheOriginalUnchanged() throws Exception {
        JsonLog base = log(JsonLog.Level.INFO);
        JsonLog scoped = base.with("partnerId", "p-1").with("eventId", "e-9").with("attempt", 3)
                .with("ratio", 0.5).with("retry", true);

        scoped.info("scoped");
        base.info("base");

        List<JsonNode> lines = lines();
        JsonNode first = lines.get(0);
        assertEquals("p-1", first.get("partnerId").asText());
        assertEquals("e-9", first.get("eventId").asText());
        assertTrue(first.get("attempt").isIntegralNumber());
        assertEquals(3, first.get("attempt").asInt());
        assertEquals(0.5, first.get("ratio").asDouble());
        assertTrue(first.get("retry").isBoolean());
        assertFalse(lines.get(1).has("partnerId"));
    }

    @Test
    void with_shouldReplaceTheValue_whenTheKeyIsRepeated() throws Exception {
        log(JsonLog.Level.INFO).with("partnerId", "p-1").with("partnerId", "p-2").info("m");

        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, raw.split("partnerId", -1).length - 1);
        assertEquals("p-2", lines().get(0).get("partnerId").asText());
    }

    @Test
    void with_shouldWriteNull_whenStringValueIsNull() throws Exception {
        log(JsonLog.Level.INFO).with("partnerId", (String) null).info("m");

        assertTrue(lines().get(0).get("partnerId").isNull());
    }

    @Test
    void with_shouldReject_whenKeyIsReservedOrMalformed() {
        JsonLog log = log(JsonLog.Level.INFO);

        for (String key : List.of("message", "level", "timestamp", "service", "function", "errorType")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.with(key, "x"));
            assertTrue(e.getMessage().contains(key));
        }
        assertThrows(IllegalArgumentException.class, () -> log.with("has space", "x"));
        assertThrows(IllegalArgumentException.class, () -> log.with("", "x"));
        assertThrows(IllegalArgumentException.class, () -> log.with("a\"b", "x"));
    }

    @Test
    void with_shouldReject_whenTooManyFields() {
        JsonLog log = log(JsonLog.Level.INFO);
        for (int i = 0; i < JsonLog.MAX_FIELDS; i++) {
            log = log.with("k" + i, i);
        }
        JsonLog full = log;

        assertThrows(IllegalArgumentException.class, () -> full.with("one-more", 1));
    }

    @Test
    void with_shouldTruncateLongValues_andMessages() throws Exception {
        String longValue = "v".repeat(5_000);
        String longMessage = "m".repeat(5_000);

        log(JsonLog.Level.INFO).with("accountId", longValue).info(longMessage);

        JsonNode line = lines().get(0);
        String value = line.get("accountId").asText();
        assertTrue(value.startsWith("v".repeat(JsonLog.MAX_VALUE_CHARS)));
        assertTrue(value.contains("truncated"));
        assertTrue(value.length() < JsonLog.MAX_VALUE_CHARS + 40);
        assertTrue(line.get("message").asText().length() < JsonLog.MAX_MESSAGE_CHARS + 40);
    }

    @Test
    void info_shouldKeepOneLineAndValidJson_whenTextHasQuotesControlCharsAndUnicode() throws Exception {
        String nasty = "a\"b\\c\nd\re\tf\u0001g\u2028h é 😀 \ud800";

        log(JsonLog.Level.INFO).with("name", nasty).info(nasty);

        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, raw.strip().split("\n").length);
        JsonNode line = lines().get(0);
        assertEquals("a\"b\\c\nd\re\tf\u0001g\u2028h é 😀 ", line.get("message").asText().substring(0, nasty.length() - 1));
        assertEquals(line.get("message").asText(), line.get("name").asText());
    }

    @Test
    void debug_shouldWriteNothing_whenLevelIsInfo() throws Exception {
        JsonLog log = log(JsonLog.Level.INFO);

        log.debug("hidden");
        log.warn("shown");

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        assertEquals("WARN", lines.get(0).get("level").asText());
        assertFalse(log.isEnabled(JsonLog.Level.DEBUG));
        assertTrue(log.isEnabled(JsonLog.Level.ERROR));
    }

    @Test
    void error_shouldWriteTypeAndFrame_butNeverTheExceptionMessage_whenThrowableGiven() throws Exception {
        IllegalStateException error = new IllegalStateException("partnerApiKey=super-secret-value");

        log(JsonLog.Level.INFO).error("push failed", error);

        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(raw.contains("super-secret-value"));
        JsonNode line = lines().get(0);
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("java.lang.IllegalStateException", line.get("errorType").asText());
        assertTrue(line.get("errorAt").asText().contains("JsonLogTest"));
    }

    @Test
    void fromEnvironment_shouldUseLogLevel_whenSet() throws Exception {
        JsonLog log = JsonLog.fromEnvironment(Map.of("LOG_LEVEL", "debug"), "partner-key", out, CLOCK);

        log.debug("visible");

        assertEquals(JsonLog.Level.DEBUG, log.level());
        assertEquals("partner-key", lines().get(0).get("function").asText());
    }

    @Test
    void fromEnvironment_shouldDefaultToInfo_whenLogLevelUnset() {
        assertEquals(JsonLog.Level.INFO, JsonLog.fromEnvironment(Map.of(), "f", out, CLOCK).level());
        assertEquals(JsonLog.Level.WARN, JsonLog.fromEnvironment(Map.of("LOG_LEVEL", "WARNING"), "f", out, CLOCK).level());
    }

    @Test
    void fromEnvironment_shouldFailNamingTheVariable_whenLogLevelInvalid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonLog.fromEnvironment(Map.of("LOG_LEVEL", "LOUD"), "f", out, CLOCK));

        assertTrue(e.getMessage().contains("LOG_LEVEL"));
    }

    @Test
    void build_shouldReject_whenFunctionMissing() {
        assertThrows(IllegalArgumentException.class,
                () -> JsonLog.builder().out(out).clock(CLOCK).build());
        assertThrows(NullPointerException.class,
                () -> JsonLog.builder().function("f").clock(CLOCK).build());
    }

    @Test
    void toString_shouldNameKeysButNotValues() {
        String text = log(JsonLog.Level.INFO).with("partnerId", "p-secret-looking").toString();

        assertTrue(text.contains("partnerId"));
        assertFalse(text.contains("p-secret-looking"));
    }

    @Test
    void info_shouldNeverInterleaveLines_whenManyThreadsWrite() throws Exception {
        JsonLog log = log(JsonLog.Level.INFO);
        int threads = 8;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JsonLog scoped = log.with("thread", t);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    scoped.with("i", i).info("line " + "x".repeat(100));
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        List<JsonNode> lines = lines();
        assertEquals(threads * perThread, lines.size());
        Set<String> seen = new TreeSet<>();
        for (JsonNode line : lines) {
            seen.add(line.get("thread").asInt() + ":" + line.get("i").asInt());
        }
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    void startInvocation_shouldPutRequestIdColdStartAndVersionOnEveryLineOfEveryDerivedLog() throws Exception {
        JsonLog root = JsonLog.builder().function("usage-push").out(out).clock(CLOCK).functionVersion("$LATEST").build();
        JsonLog collaborator = root.with("logger", "io.gradientconnector.gradient"); // built once, before any invocation

        root.startInvocation("req-1", "7");
        root.with("partnerId", "p-1").info("first");
        collaborator.warn("retrying");
        root.startInvocation("req-2", null);
        collaborator.info("second");
        root.startInvocation(null, "8");
        root.info("third");

        List<JsonNode> lines = lines();
        assertEquals(List.of(true, true, false, false), lines.stream().map(l -> l.get("cold_start").asBoolean()).toList());
        assertEquals(List.of("req-1", "req-1", "req-2"),
                lines.subList(0, 3).stream().map(l -> l.get("requestId").asText()).toList());
        assertFalse(lines.get(3).has("requestId"), "an invocation without a request id does not inherit the last one");
        assertEquals(List.of("7", "7", "7", "8"), lines.stream().map(l -> l.get("function_version").asText()).toList());
    }

    @Test
    void with_shouldReject_whenKeyIsAnInvocationField() {
        JsonLog log = log(JsonLog.Level.INFO);

        for (String key : List.of("requestId", "cold_start", "function_version")) {
            assertThrows(IllegalArgumentException.class, () -> log.with(key, "x"), key);
        }
    }

    @Test
    void fromEnvironment_shouldHonourPowertoolsNames_whenSet() throws Exception {
        JsonLog log = JsonLog.fromEnvironment(Map.of("LOG_LEVEL", "INFO", "POWERTOOLS_LOG_LEVEL", "debug",
                "POWERTOOLS_SERVICE_NAME", "acme-billing", "AWS_LAMBDA_FUNCTION_VERSION", "12"), "f", out, CLOCK);

        log.debug("visible");

        assertEquals(JsonLog.Level.DEBUG, log.level(), "the Powertools name overrides the template's LOG_LEVEL");
        JsonNode line = lines().get(0);
        assertEquals("acme-billing", line.get("service").asText());
        assertEquals("12", line.get("function_version").asText());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonLog.fromEnvironment(Map.of("POWERTOOLS_LOG_LEVEL", "LOUD"), "f", out, CLOCK));
        assertTrue(e.getMessage().startsWith("POWERTOOLS_LOG_LEVEL"), e.getMessage());
    }
}
