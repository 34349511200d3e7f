package io.gradientconnector.localrun;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.localrun.function.FunctionCode;
import io.gradientconnector.localrun.testfunctions.EchoHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts a {@link LocalRunner} on the test template, whose functions are this module's test classes. */
final class TestStack {

    static final Path ROOT = Path.of(System.getProperty("connector.root", "../.."));
    static final Path TEMPLATE = location(TestStack.class).resolve("test-template.yaml");
    static final String PORTAL_KEY = "test-portal-key";
    static final String WEBHOOK_SECRET = "test-webhook-secret";

    private TestStack() {
    }

    /** The test functions' "artifact": the test classes plus the Lambda events library and its joda-time. */
    static FunctionCode testFunctionCode() {
        return new FunctionCode(List.of(location(EchoHandler.class), location(SQSEvent.class),
                location(org.joda.time.DateTime.class)));
    }

    static LocalRunner.Options.Builder options(Path recordDir, ConsoleLog console) {
        return LocalRunner.Options.builder(ROOT)
                .template(TEMPLATE)
                .stackName("t" + Long.toHexString(System.nanoTime()))
                .apiPort(0).sandboxPort(0).awsPort(0)
                .portalApiKey(PORTAL_KEY).webhookSecret(WEBHOOK_SECRET)
                .parameterOverrides(Map.of("RecordDir", recordDir.toString()))
                .firstScheduleRun(Duration.ofMillis(500))
                .pollIdleDelay(Duration.ofMillis(100))
                .code(id -> id.equals("MissingFunction") ? Optional.empty() : Optional.of(testFunctionCode()),
                        id -> "not built in tests")
                .console(console);
    }

    /** A console whose lines tests can read, echoed to stdout for the test log. */
    static final class CapturingConsole {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ConsoleLog log = new ConsoleLog(new PrintStream(new TeeStream(bytes), true, StandardCharsets.UTF_8));

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;

        TeeStream(ByteArrayOutputStream copy) {
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            copy.write(b);
            System.out.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            copy.write(b, off, len);
            System.out.write(b, off, len);
        }
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
