package io.gradientconnector.usagepush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cold start (real composition root, AWS SDK clients built) writes JSON lines only: no SLF4J warning on stderr. */
class ColdStartOutputTest {

    @Test
    void coldStart_shouldPrintNoSlf4jWarningAndOnlyJsonLines_whenTheHandlerIsBuiltAndInvoked() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(out);
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> env = Map.of("TABLE_NAME", "t", "AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "USAGE_QUEUE_URL", "http://127.0.0.1:1/q",
                    "VENDOR_KEY_SECRET_ID", "vendor", "PARTNER_SECRET_PREFIX", "partners/",
                    "GRADIENT_BASE_URL", "http://127.0.0.1:1");
            Components components = Components.create(env, UsagePushHandler.FUNCTION,
                    MutableClock.at("2025-01-01T00:00:00Z"), out);
            UsagePushHandler handler = new UsagePushHandler(components);
            components.aws(); // the SDK clients, as the first message would build them
            handler.handleRequest(new SQSEvent(), new FakeLambdaContext(30_000));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String err = stderr.toString(StandardCharsets.UTF_8);
        assertFalse(err.contains("SLF4J"), err);
        assertEquals("", err.strip(), "nothing on stderr");
        ObjectMapper json = new ObjectMapper();
        for (String line : List.of(stdout.toString(StandardCharsets.UTF_8).split("\n"))) {
            if (!line.isBlank()) {
                json.readTree(line); // throws unless the line is JSON
            }
        }
    }
}
