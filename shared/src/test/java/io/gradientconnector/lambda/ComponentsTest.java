package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private Components components(Map<String, String> env) {
        return Components.create(env, "test-function", clock, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void create_shouldFailNamingVariable_whenTableNameMissing() {
        var e = assertThrows(ConfigException.class, () -> components(Map.of()));
        assertTrue(e.getMessage().contains("TABLE_NAME"), e.getMessage());
    }

    @Test
    void gradient_shouldBeBuiltOnceAndShared_whenAskedTwice() {
        var c = components(Map.of("TABLE_NAME", "t", "GRADIENT_BASE_URL", "http://127.0.0.1:1"));
        assertSame(c.gradient(), c.gradient());
        assertSame(c.catalog(), c.catalog());
    }

    @Test
    void usageQueue_shouldFailNamingVariable_whenQueueUrlMissing() {
        var c = components(Map.of("TABLE_NAME", "t"));
        var e = assertThrows(ConfigException.class, c::usageQueue);
        assertTrue(e.getMessage().contains("USAGE_QUEUE_URL"), e.getMessage());
    }

    @Test
    void log_shouldWriteFunctionName_whenLogging() {
        var c = components(Map.of("TABLE_NAME", "t"));
        c.log().info("hello");
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("\"function\":\"test-function\""), line);
        assertEquals("test-function", c.function());
    }
}
