package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class JsonLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private JsonLog log(JsonLog.Level level) {
        return JsonLog.builder().function("f").level(level).out(out).clock(clock).build();
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line)); // throws unless every line is JSON
            }
        }
        return nodes;
    }

    @Test
    void systemLogger_shouldWriteJsonLinesNamingTheLogger_whenLogging() throws Exception {
        System.Logger logger = JsonLogging.systemLogger(log(JsonLog.Level.INFO), "io.gradientconnector.gradient");

        logger.log(System.Logger.Level.INFO, () -> "retrying in 100 ms");
        logger.log(System.Logger.Level.WARNING, "attempt {0} of {1}", 2, 4);
        logger.log(System.Logger.Level.ERROR, "gave up", new IllegalStateException("secret detail"));
        logger.log(System.Logger.Level.DEBUG, () -> "below the level");

        List<JsonNode> lines = lines();
        assertEquals(3, lines.size());
        assertEquals("INFO", lines.get(0).get("level").asText());
        assertEquals("io.gradientconnector.gradient", lines.get(0).get("logger").asText());
        assertEquals("attempt 2 of 4", lines.get(1).get("message").asText());
        assertEquals("WARN", lines.get(1).get("level").asText());
        assertEquals("java.lang.IllegalStateException", lines.get(2).get("errorType").asText());
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("secret detail"));
    }

    @Test
    void systemLogger_shouldReportLoggability_fromTheLogsLevel() {
        System.Logger logger = JsonLogging.systemLogger(log(JsonLog.Level.WARN), "x");
        assertFalse(logger.isLoggable(System.Logger.Level.INFO));
        assertTrue(logger.isLoggable(System.Logger.Level.WARNING));
        assertFalse(logger.isLoggable(System.Logger.Level.OFF));
    }

    @Test
    void slf4j_shouldBeBoundToJsonLogging_soItPrintsNoNoBindingWarning() {
        assertEquals("org.slf4j.impl.StaticLoggerBinder$Factory", LoggerFactory.getILoggerFactory().getClass().getName());
    }

    @Test
    void slf4j_shouldWriteWarningsAndErrorsAsJsonLinesOfTheInstalledLog() throws Exception {
        JsonLogging.install(log(JsonLog.Level.DEBUG));
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.test");

        sdk.debug("chatter {}", 1);
        sdk.info("chatter");
        sdk.warn("clock skew of {} s", 300);
        sdk.error("request failed", new IllegalStateException("x"));

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(Map.of("level", "WARN", "message", "clock skew of 300 s", "logger", "software.amazon.awssdk.test"),
                Map.of("level", lines.get(0).get("level").asText(), "message", lines.get(0).get("message").asText(),
                        "logger", lines.get(0).get("logger").asText()));
        assertEquals("ERROR", lines.get(1).get("level").asText());
        assertEquals("java.lang.IllegalStateException", lines.get(1).get("errorType").asText());
    }
}
