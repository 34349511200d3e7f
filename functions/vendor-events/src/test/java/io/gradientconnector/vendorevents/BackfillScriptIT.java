package io.gradientconnector.vendorevents;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gradientconnector.app.report.ReconciliationReport;
import io.gradientconnector.app.report.ReportLine;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.testing.AwsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The day-one backfill script (docs/examples/backfill.py) run for real against the webhook handler served over HTTP
 * on the emulator's table: every row lands as its absolute count, 429 and 503 answers are retried, an interrupted run
 * resumes where it stopped, and a second full run records nothing new (every event a duplicate).
 */
class BackfillScriptIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String SECRET = "it-backfill-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<PartnerId> partners = List.of(PartnerId.of("bf-" + System.nanoTime()),
            PartnerId.of("bf2-" + System.nanoTime()));
    private final AtomicInteger requests = new AtomicInteger();
    /** Answer every request from this number on with 503 (an outage); Integer.MAX_VALUE for none. */
    private volatile int outageFrom = Integer.MAX_VALUE;
    /** These request numbers (1-based) are answered 429 or 503 before reaching the handler. */
    private final Map<Integer, Integer> scripted = new HashMap<>();
    private Components components;
    private Map<String, String> env;
    private VendorEventsHandler handler;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        env = new HashMap<>();
        env.put("TABLE_NAME", AWS.createTable());
        env.put("USAGE_QUEUE_URL", AWS.createQueueWithDlq("usage").url());
        env.put("VENDOR_KEY_SECRET_ID", AwsEmulator.uniqueName("vendor-unused"));
        env.put("PARTNER_SECRET_PREFIX", AwsEmulator.uniqueName("partners") + "/");
        env.put("WEBHOOK_SECRET_ID", AWS.createSecret(AwsEmulator.uniqueName("webhook"), SECRET));
        components = Components.create(AWS.environment(env), VendorEventsHandler.FUNCTION, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        for (PartnerId partner : partners) {
            components.stores().partners().save(PartnerRecord.builder(partner, Clock.systemUTC().instant())
                    .status(PartnerStatus.ACTIVE).build());
        }
        handler = new VendorEventsHandler(components);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/vendor-events", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** API Gateway in front of the handler: the raw body and headers in, the handler's answer out. */
    private void serve(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        String answer;
        Map<String, String> headers = new LinkedHashMap<>();
        Integer fault = number >= outageFrom ? Integer.valueOf(503) : scripted.get(number);
        if (fault != null) {
            status = fault;
            answer = "{\"error\":\"" + (fault == 429 ? "throttled" : "storage_unavailable") + "\"}";
            if (fault == 429) {
                headers.put("Retry-After", "0");
            }
        } else {
            Map<String, String> requestHeaders = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> requestHeaders.put(name, values.get(0)));
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST").withResource("/webhooks/vendor-events").withPath("/webhooks/vendor-events")
                    .withHeaders(requestHeaders).withBody(new String(body, StandardCharsets.UTF_8))
                    .withIsBase64Encoded(false);
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
            status = response.getStatusCode();
            answer = response.getBody();
            if (response.getHeaders() != null) {
                headers.putAll(response.getHeaders());
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run backfill(Path csv, String... extra) throws Exception {
        Path script = repositoryRoot().resolve("docs/examples/backfill.py");
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), csv.toString(),
                "--as-of", "2026-12-01T00:00:00Z", "--max-attempts", "3",
                // Small deliveries: the one-request-at-a-time emulator must apply each within the handler's 29 s.
                "--batch-size", "50"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("WEBHOOK_URL",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/vendor-events");
        builder.environment().put("WEBHOOK_SECRET", SECRET);
        Path stdout = Files.createTempFile(dir, "out", ".txt");
        Path stderr = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the script finished");
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("docs/examples/backfill.py"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
        }
        return here;
    }

    /** 250 rows over two partners (eight deliveries of 50 events), awkward account ids, decimal quantities; returns the model. */
    private Map<UsageRowKey, BigDecimal> writeCsv(Path csv) throws IOException {
        Random random = new Random(4242);
        Map<UsageRowKey, BigDecimal> model = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("partner,account,service,quantity,account_name\r\n");
        List<String> services = List.of("backup-server", "backup-workstation");
        for (int i = 0; i < 125; i++) {
            PartnerId partner = partners.get(i % 2);
            String account = i % 10 == 0 ? "acct, \"" + i + "\"" : "acct-" + i;
            for (String service : services) {
                BigDecimal quantity = new BigDecimal(random.nextInt(500) + (random.nextInt(4) == 0 ? ".25" : ""));
                model.put(new UsageRowKey(partner, AccountId.of(account), ServiceKey.of(service)), quantity);
                text.append(partner.value()).append(',').append(csvField(account)).append(',').append(service)
                        .append(',').append(quantity.toPlainString()).append(',')
                        .append(csvField("Customer " + i)).append("\r\n");
            }
        }
        Files.writeString(csv, text.toString());
        return model;
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /**
     * A delivery the slow emulator could not apply within the handler's 29 s answers 202 with {@code pending}: its
     * events are staged and the schedule's sweep applies them a minute later. Run that sweep now (its clock moved on).
     */
    private void sweepPending() {
        Components later = Components.create(AWS.environment(env), VendorEventsHandler.FUNCTION,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(later.pendingDeliverySweep().sweep(Instant.now().plus(Duration.ofMinutes(5))).complete());
    }

    private void assertLedgerHolds(Map<UsageRowKey, BigDecimal> model) {
        model.forEach((key, quantity) -> {
            BigDecimal stored = components.stores().ledger().get(key).orElseThrow(() -> new AssertionError(
                    "no ledger row for " + key)).count().value();
            assertEquals(0, quantity.compareTo(stored), key.toString());
        });
    }

    @Test
    void backfill_shouldLoadEveryRow_retryThrottling_resume_andChangeNothingOnARerun() throws Exception {
        Path csv = dir.resolve("customers.csv");
        Map<UsageRowKey, BigDecimal> model = writeCsv(csv);
        scripted.put(1, 429);
        scripted.put(2, 503);
        outageFrom = 5; // deliveries 1 and 2 of 8 get through (after the two faults), the rest hit an outage

        Run interrupted = backfill(csv);
        assertEquals(1, interrupted.exit(), interrupted.stderr());
        JsonNode state = JSON.readTree(dir.resolve("customers.csv.backfill-state.json").toFile());
        assertEquals(2, state.path("deliveriesDone").asInt(), interrupted.stderr());
        assertTrue(interrupted.stderr().contains("run again to resume"), interrupted.stderr());

        outageFrom = Integer.MAX_VALUE;
        Run resumed = backfill(csv);
        assertEquals(0, resumed.exit(), resumed.stderr());
        assertTrue(resumed.stderr().contains("resuming after delivery 2 of"), resumed.stderr());
        JsonNode summary = JSON.readTree(dir.resolve("customers.csv.backfill-summary.json").toFile());
        assertEquals(250, summary.path("rows").asInt());
        int events = summary.path("events").asInt();
        assertEquals(250 + 125, events, "a usage.set per row and an account.upserted per account");
        assertEquals(events, summary.path("accepted").asInt() + summary.path("duplicates").asInt()
                + summary.path("pending").asInt());
        assertEquals(0, summary.path("duplicates").asInt(), "nothing was recorded twice");
        sweepPending();
        assertLedgerHolds(model);

        // Server-side progress: every backfilled row is in the report, waiting for its first push.
        ReconciliationReport report = new ReconciliationReport(components.stores().partners(),
                components.stores().ledger(), components.catalog());
        List<ReportLine> lines = report.page(partners.get(0), Optional.empty(), 1000).lines();
        assertEquals(model.keySet().stream().filter(k -> k.partnerId().equals(partners.get(0))).count(), lines.size());
        assertTrue(lines.stream().allMatch(l -> l.state().equals("pending")));

        // A full re-run from scratch (another state file): the same ids, all duplicates, the ledger unchanged.
        Run again = backfill(csv, "--state", dir.resolve("fresh-state.json").toString(),
                "--summary", dir.resolve("again.json").toString());
        assertEquals(0, again.exit(), again.stderr());
        JsonNode second = JSON.readTree(dir.resolve("again.json").toFile());
        assertEquals(0, second.path("accepted").asInt(), "nothing new");
        assertEquals(events, second.path("duplicates").asInt() + second.path("pending").asInt());
        sweepPending();
        assertLedgerHolds(model);
    }

    @Test
    void backfill_shouldSendNothing_whenARowIsInvalid() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "partner,account,service,quantity\n" + partners.get(0).value() + ",a,backup-server,3\n"
                + partners.get(0).value() + ",b,backup-server,-1\n");

        Run run = backfill(csv);

        assertEquals(2, run.exit());
        assertTrue(run.stderr().contains("line 3: quantity"), run.stderr());
        assertEquals(0, requests.get(), "nothing sent");
    }
}
