package io.gradientconnector.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming per function: each function's resource runs beforeCheckpoint and afterRestore without failing,
 * without any request reaching Gradient or AWS (both pointed at servers that count what arrives), without a secret
 * or key in its log; and two containers restored from one snapshot draw different jitter once restored.
 */
class SnapStartPrimingTest {
    private static final String VENDOR_KEY_SECRET = "priming-test-vendor-secret-id";

    private HttpServer gradient;
    private HttpServer aws;
    private final AtomicInteger gradientRequests = new AtomicInteger();
    private final AtomicInteger awsRequests = new AtomicInteger();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeEach
    void startCountingServers() throws IOException {
        gradient = counting(gradientRequests);
        aws = counting(awsRequests);
    }

    @AfterEach
    void stop() {
        gradient.stop(0);
        aws.stop(0);
    }

    private static HttpServer counting(AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("TABLE_NAME", "priming-test-table");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + aws.getAddress().getPort());
        env.put("GRADIENT_BASE_URL", "http://127.0.0.1:" + gradient.getAddress().getPort());
        env.put("USAGE_QUEUE_URL", "http://127.0.0.1:" + aws.getAddress().getPort() + "/000000000000/usage");
        env.put("SYNC_QUEUE_URL", "http://127.0.0.1:" + aws.getAddress().getPort() + "/000000000000/sync");
        env.put("ALERT_QUEUE_URL", "http://127.0.0.1:" + aws.getAddress().getPort() + "/000000000000/alerts");
        env.put("VENDOR_KEY_SECRET_ID", VENDOR_KEY_SECRET);
        env.put("WEBHOOK_SECRET_ID", "priming-test-webhook-secret-id");
        env.put("PARTNER_SECRET_PREFIX", "priming-test/partners/");
        env.put("LOG_LEVEL", "DEBUG");
        return env;
    }

    /** What each function's handler builds from its Components in its constructor. */
    private static final Map<String, Consumer<Components>> WIRING = Map.of(
            "partner-key", Components::partnerUseCases,
            "vendor-events", Components::vendorEvents,
            "usage-push", Components::usagePush,
            "alert-dispatch", Components::alertDispatch,
            "account-sync", c -> {
                c.syncFanOut();
                c.pendingDeliverySweep();
                c.partnerSync();
            });

    private Components wired(String function, Random jitter) {
        Components components = Components.create(env(), function, Clock.systemUTC(),
                new PrintStream(logs, true, StandardCharsets.UTF_8), jitter);
        WIRING.get(function).accept(components);
        return components;
    }

    @ParameterizedTest
    @ValueSource(strings = {"partner-key", "vendor-events", "usage-push", "account-sync", "alert-dispatch"})
    void beforeCheckpoint_shouldPrimeWhatTheFunctionWired_withoutAnyRequestReachingGradientOrAws(String function) {
        SnapStartPriming priming = new SnapStartPriming(wired(function, new Random()));

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        SnapStartPriming.Report report = priming.lastReport();
        assertEquals(List.of(), report.failed(), function + ": " + logs.toString(StandardCharsets.UTF_8));
        List<String> expected = function.equals("vendor-events") ? List.of("log", "json", "aws")
                : List.of("log", "json", "aws", "gradient");
        assertEquals(expected, report.primed(), function);
        assertEquals(0, gradientRequests.get(), "priming called Gradient");
        assertEquals(0, awsRequests.get(), "priming sent a request to AWS");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("SnapStart priming done"), log);
        assertTrue(!log.contains("priming-placeholder:") && !log.contains(VENDOR_KEY_SECRET), "nothing secret logged");
    }

    @Test
    void afterRestore_shouldReseedTheJitter_soTwoContainersRestoredFromOneSnapshotDiffer() {
        // Two containers restored from one snapshot hold the same jitter state: the same seed stands for it.
        Components first = wired("usage-push", new Random(20251206L));
        Components second = wired("usage-push", new Random(20251206L));
        SnapStartPriming firstPriming = new SnapStartPriming(first);
        SnapStartPriming secondPriming = new SnapStartPriming(second);
        firstPriming.beforeCheckpoint(null);
        secondPriming.beforeCheckpoint(null);
        assertEquals(new Random(20251206L).nextLong(), first.jitter().nextLong(), "priming draws no jitter");
        assertEquals(new Random(20251206L).nextLong(), second.jitter().nextLong(), "unrestored copies agree");

        firstPriming.afterRestore(null);
        secondPriming.afterRestore(null);

        long[] a = first.jitter().longs(4).toArray();
        long[] b = second.jitter().longs(4).toArray();
        assertNotEquals(List.of(a[0], a[1], a[2], a[3]), List.of(b[0], b[1], b[2], b[3]),
                "restored copies must draw different jitter");
    }
}
