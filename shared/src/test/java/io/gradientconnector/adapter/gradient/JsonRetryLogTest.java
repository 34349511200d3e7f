package io.gradientconnector.adapter.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.lambda.JsonLogging;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's retry lines, through the logger the composition root gives it, are JSON lines like every other. */
class JsonRetryLogTest {
    private final MutableClock clock = MutableClock.at("2024-06-01T08:00:00Z");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Test
    void execute_shouldLogEachRetryAsAJsonLine_whenGivenAJsonLoggingLogger() throws Exception {
        JsonLog log = JsonLog.builder().function("usage-push").out(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .clock(clock).build();
        FakeTransport transport = new FakeTransport().respond(503, "{\"message\":\"down\"}")
                .respond(200, "{\"organizationId\":\"o1\",\"status\":\"active\"}");
        PartnerSession session = GradientClient.builder().baseUri("https://gradient.test")
                .transport(transport).clock(clock).sleeper(new RecordingSleeper(clock)).random(new FixedRandom(0.0))
                .logger(JsonLogging.systemLogger(log, "io.gradientconnector.gradient"))
                .build().session(new GradientCredentials("vendor-key-123", "partner-key-456"));

        assertEquals("o1", session.getIntegration().organizationId());

        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        JsonNode retry = lines.stream().filter(l -> l.get("message").asText().startsWith("retrying in")).findFirst()
                .orElseThrow(() -> new AssertionError(bytes.toString(StandardCharsets.UTF_8)));
        assertEquals("INFO", retry.get("level").asText());
        assertEquals("io.gradientconnector.gradient", retry.get("logger").asText());
        assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("partner-key-456"));
    }
}
