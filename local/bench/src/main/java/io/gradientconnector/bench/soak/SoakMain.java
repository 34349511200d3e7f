package io.gradientconnector.bench.soak;

import io.gradientconnector.lambda.ServiceCatalogFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.bench.Table;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.LocalRunner;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.domain.WebhookSignature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code make soak}: the whole connector under faults, then an exact comparison.
 *
 * <p>The local runner ({@code make run}'s host, in this process) runs every function in its own JVM from its built
 * artifact, with moto, the sandbox, the API on an ephemeral port, SQS pollers honouring batch item failures, and the
 * schedules every {@value #SCHEDULE_SECONDS} s. The template is {@code template.yaml} with the queues' visibility
 * timeouts shortened (usage 360 → {@value #USAGE_VISIBILITY} s, sync 1800 → {@value #SYNC_VISIBILITY} s) and
 * {@code GRADIENT_TIMEOUT_MS} 2000, so redeliveries and client timeouts happen within minutes; nothing else differs.
 *
 * <p>Three partners connect through the portal API; then the signed webhook stream ({@link Workload}: shuffled,
 * regrouped and repeated deliveries) is sent while the sandbox injects 429s, 5xx, dropped connections and slow
 * answers past the client timeout, then a {@value #OUTAGE_SECONDS} s full outage (503), then the random faults again.
 * During the stream one usage-push function JVM is killed (SIGKILL) while it handles a batch: the runner reports the
 * invocation failed, nothing of that batch is deleted, SQS redelivers it. Once the faults stop, the soak waits until
 * every count in the sandbox equals the expected one (or its time is up) and prints the figures; any mismatch fails it.
 */
public final class SoakMain {
    static final int USAGE_VISIBILITY = 15;
    static final int SYNC_VISIBILITY = 30;
    static final int SCHEDULE_SECONDS = 20;
    static final int OUTAGE_SECONDS = 20;
    static final int PARTNERS = 3;
    static final int ACCOUNTS = 8;
    private static final Duration LIMIT = Duration.ofMinutes(Long.getLong("soak.minutes", 5));
    private static final ObjectMapper JSON = new ObjectMapper();

    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        Instant started = Instant.now();
        Instant giveUp = started.plus(LIMIT).minusSeconds(15);
        Path root = Path.of(System.getProperty("connector.root", "")).toAbsolutePath();
        Path out = root.resolve("target/bench");
        Files.createDirectories(out);
        Path template = soakTemplate(root, out);
        Path runnerLog = out.resolve("soak-runner.log");
        String webhookSecret = "soak-webhook-secret";
        String portalKey = "soak-portal-key";
        String vendorKey = "soak-vendor-key";
        long seed = Long.getLong("soak.seed", 42);

        LocalRunner.Options options = LocalRunner.Options.builder(root)
                .template(template).stackName("soak").apiPort(0).sandboxPort(0).awsPort(0)
                .vendorApiKey(vendorKey).webhookSecret(webhookSecret).portalApiKey(portalKey)
                .schedulePeriod(Optional.of(Duration.ofSeconds(SCHEDULE_SECONDS))).firstScheduleRun(Duration.ofSeconds(2))
                .sandboxAutoMap(true)
                .parameterOverrides(Map.of("GradientTimeoutMs", "2000"))
                .console(new ConsoleLog(new PrintStream(Files.newOutputStream(runnerLog), true, StandardCharsets.UTF_8)))
                .build();
        System.out.println("soak: starting the local runner (log " + root.relativize(runnerLog) + ")");
        int exit;
        try (LocalRunner runner = LocalRunner.start(options)) {
            exit = soak(runner, root, out, runnerLog, vendorKey, webhookSecret, portalKey, seed, started, giveUp);
        }
        System.exit(exit);
    }

    private static int soak(LocalRunner runner, Path root, Path out, Path runnerLog, String vendorKey,
                            String webhookSecret, String portalKey, long seed, Instant started, Instant giveUp)
            throws Exception {
        SandboxControl control = new SandboxControl(runner.sandboxUri().orElseThrow());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI api = runner.apiBaseUri();
        ServiceCatalog catalog = ServiceCatalogFile.example();
        List<String> services = catalog.services().stream().map(s -> s.key().value()).toList();

        // Partners connect through the portal, as the vendor's portal would.
        List<String> partners = new ArrayList<>();
        Map<String, String> integrationOf = new HashMap<>();
        for (int p = 0; p < PARTNERS; p++) {
            String partner = "soak-partner-" + p;
            String key = "soak-partner-key-" + p;
            PartnerIds ids = control.createPartner(vendorKey, key, "Soak MSP " + p, List.of("Client " + p));
            integrationOf.put(partner, ids.integrationId());
            HttpResponse<String> put = send(http, HttpRequest.newBuilder(api.resolve("/partners/" + partner + "/gradient"))
                    .header("x-api-key", portalKey).header("content-type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"partnerApiKey\":\"" + key + "\"}")).build());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("connecting " + partner + " answered " + put.statusCode());
            }
            partners.add(partner);
        }
        Workload workload = new Workload(seed, partners, ACCOUNTS, services, Instant.now());
        List<List<Workload.Event>> deliveries = workload.deliveries();
        System.out.printf(Locale.ROOT, "soak: %d partners connected; %d events in %d deliveries (%d rows)%n",
                partners.size(), workload.events().size(), deliveries.size(), workload.expected().size());

        FaultPlan noisy = FaultPlan.builder().rate429(0.08).rate5xx(0.08).status5xx(503).dropRate(0.03)
                .slowRate(0.03).slowMillis(3_000).seed(seed).build();
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong resends = new AtomicLong();
        java.util.concurrent.CompletableFuture<Kill> kill = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return killAPushWorkerMidBatch(runnerLog, Instant.now().plusSeconds(120));
            } catch (Exception e) {
                throw new IllegalStateException("the kill failed", e);
            }
        });
        control.faults(noisy);
        System.out.println("soak: faults on (429, 503, dropped connections, answers slower than the client timeout)");
        int third = deliveries.size() / 3;
        for (int i = 0; i < deliveries.size(); i++) {
            if (i == third) {
                control.faults(FaultPlan.builder().outageSeconds(OUTAGE_SECONDS).outageMode("503").build());
                System.out.println("soak: Gradient outage for " + OUTAGE_SECONDS + " s");
            }
            if (i == 2 * third) {
                control.faults(noisy);
                System.out.println("soak: outage over, random faults again");
            }
            deliver(http, api, webhookSecret, Workload.body(deliveries.get(i)), accepted, duplicates, resends);
        }
        Kill killed = kill.get(150, TimeUnit.SECONDS);
        control.clearFaults();
        System.out.println("soak: every delivery sent; faults off; waiting for the counts");

        Map<String, Long> expected = workload.expected();
        Map<String, String> serviceKeyByName = new HashMap<>();
        catalog.services().forEach(s -> serviceKeyByName.put(s.name(), s.key().value()));
        Map<String, String> partnerOf = new HashMap<>();
        integrationOf.forEach((partner, integration) -> partnerOf.put(integration, partner));
        List<String> mismatches = mismatches(control, expected, partnerOf, serviceKeyByName);
        while (!mismatches.isEmpty() && Instant.now().isBefore(giveUp)) {
            TimeUnit.SECONDS.sleep(2);
            mismatches = mismatches(control, expected, partnerOf, serviceKeyByName);
        }
        Duration took = Duration.between(started, Instant.now());

        List<RecordedRequest> requests = control.requests();
        Map<String, Long> faults = new LinkedHashMap<>();
        long pushes = 0;
        for (RecordedRequest r : requests) {
            if (r.fault() != null) {
                faults.merge(r.fault(), 1L, Long::sum);
            } else if (r.status() == 429) {
                faults.merge("429 (rate limit)", 1L, Long::sum);
            }
            if (r.path().contains("/count") && r.status() >= 200 && r.status() < 300) {
                pushes++;
            }
        }
        String log = Files.readString(runnerLog);
        long redeliveredBatches = log.lines().filter(l -> l.startsWith("[UsagePushFunction] batch of")
                && l.contains("redelivered")).count();
        long dlq = depth(runner, "UsageDeadLetterQueue") + depth(runner, "SyncDeadLetterQueue");

        Table table = new Table("Soak: the local runner under injected faults (" + took.toSeconds() + " s)", "figure",
                "value");
        table.row("partners / rows", partners.size() + " / " + expected.size());
        table.row("events sent (unique)", workload.events().size());
        table.row("deliveries (incl. repeats)", deliveries.size());
        table.row("webhook answers: accepted", accepted.get());
        table.row("webhook answers: duplicates", duplicates.get());
        table.row("webhook resends (non-2xx answers)", resends.get());
        table.row("pushes Gradient applied", pushes);
        table.row("Gradient faults seen (retried)", faults.values().stream().mapToLong(Long::longValue).sum());
        table.row("  by kind", faults.toString());
        table.row("usage batches handed back for redelivery", redeliveredBatches);
        table.row("push worker killed mid-batch", killed == null ? "no" : killed.toString());
        table.row("DLQ depth (usage + sync)", dlq);
        table.row("mismatches", mismatches.size());
        table.note("expected counts: every accepted event applied in occurredAt order, subtract floored at zero");
        table.note("runner log: " + root.relativize(runnerLog) + "; seed " + seed);
        table.print(System.out);
        if (!mismatches.isEmpty()) {
            mismatches.stream().limit(20).forEach(m -> System.out.println("  mismatch: " + m));
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("measuredAt", Instant.now().toString());
        meta.put("cores", Runtime.getRuntime().availableProcessors());
        meta.put("mismatches", mismatches.size());
        Table.write(out.resolve("soak.json"), meta, List.of(table));
        System.out.println("  -> " + root.relativize(out.resolve("soak.json")));
        boolean killedMidBatch = killed != null && killed.midBatch();
        if (!killedMidBatch) {
            System.out.println("soak: FAILED to kill a push worker while it handled a batch");
        }
        System.out.println(mismatches.isEmpty() && killedMidBatch ? "soak: PASSED" : "soak: FAILED");
        return mismatches.isEmpty() && killedMidBatch ? 0 : 1;
    }

    /** Which pid was killed, and whether the runner saw that invocation fail (the batch was in flight). */
    record Kill(long pid, boolean midBatch, int attempts) {
        @Override
        public String toString() {
            return (midBatch ? "yes" : "no") + " (pid " + pid + ", attempt " + attempts + ")";
        }
    }

    /**
     * SIGKILLs one UsagePushFunction JVM while it is inside {@code UsagePushHandler.handleRequest} (seen in its thread
     * dump, {@code jcmd <pid> Thread.print}), then confirms through the runner's log that this invocation failed (its
     * batch stays on the queue). A JVM that finished its batch between the dump and the kill does not count: it tries
     * again until {@code until}. Runs beside the deliveries, so there are batches to catch.
     */
    private static Kill killAPushWorkerMidBatch(Path runnerLog, Instant until) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        int attempts = 0;
        long lastPid = -1;
        while (Instant.now().isBefore(until)) {
            List<ProcessHandle> workers = ProcessHandle.current().descendants()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("UsagePushFunction")).orElse(false))
                    .toList();
            for (ProcessHandle worker : workers) {
                if (!insideHandleRequest(jcmd, worker.pid())) {
                    continue;
                }
                attempts++;
                long failedBefore = failedPushInvocations(runnerLog);
                lastPid = worker.pid();
                worker.destroyForcibly();
                worker.onExit().get(10, TimeUnit.SECONDS);
                Instant confirmBy = Instant.now().plusSeconds(5);
                while (Instant.now().isBefore(confirmBy)) {
                    if (failedPushInvocations(runnerLog) > failedBefore) {
                        System.out.println("soak: killed usage-push JVM " + lastPid + " (SIGKILL) inside handleRequest;"
                                + " the runner reports the invocation failed, its batch stays on the queue");
                        return new Kill(lastPid, true, attempts);
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                System.out.println("soak: usage-push JVM " + lastPid + " finished its batch before the kill; again");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return lastPid < 0 ? null : new Kill(lastPid, false, attempts);
    }

    private static boolean insideHandleRequest(Path jcmd, long pid) throws Exception {
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(10, TimeUnit.SECONDS);
        return text.contains("UsagePushHandler.handleRequest");
    }

    /** Usage-push invocations the runner saw fail without an answer (its JVM died or timed out). */
    private static long failedPushInvocations(Path runnerLog) throws IOException {
        return Files.readAllLines(runnerLog).stream()
                .filter(l -> l.startsWith("[UsagePushFunction] batch of") && l.contains("the function failed")).count();
    }

    private static void deliver(HttpClient http, URI api, String secret, String body, AtomicLong accepted,
                                AtomicLong duplicates, AtomicLong resends) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            long now = Instant.now().getEpochSecond();
            HttpResponse<String> response = send(http, HttpRequest.newBuilder(api.resolve("/webhooks/vendor-events"))
                    .header("content-type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, now,
                            body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (response.statusCode() == 202) {
                JsonNode answer = JSON.readTree(response.body());
                accepted.addAndGet(answer.path("accepted").asLong());
                duplicates.addAndGet(answer.path("duplicates").asLong());
                return;
            }
            if (response.statusCode() < 500) {
                throw new IllegalStateException("a valid delivery was refused: " + response.statusCode() + " "
                        + response.body());
            }
            resends.incrementAndGet(); // like a sender: retry a 5xx
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("a delivery kept failing");
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Rows whose count in the sandbox differs from the expected one (absent counts as different). */
    private static List<String> mismatches(SandboxControl control, Map<String, Long> expected,
                                           Map<String, String> partnerOf, Map<String, String> serviceKeyByName) {
        Map<String, java.math.BigDecimal> actual = new HashMap<>();
        for (UnitCount c : control.counts()) {
            String partner = partnerOf.get(c.integrationId());
            String service = serviceKeyByName.get(c.serviceName());
            if (partner != null && service != null) {
                actual.put(partner + "|" + c.accountId() + "|" + service, c.unitCount());
            }
        }
        List<String> wrong = new ArrayList<>();
        expected.forEach((row, count) -> {
            java.math.BigDecimal got = actual.get(row);
            if (got == null || got.compareTo(java.math.BigDecimal.valueOf(count)) != 0) {
                wrong.add(row + " expected " + count + " got " + got);
            }
        });
        return wrong;
    }

    private static long depth(LocalRunner runner, String queue) {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(runner.awsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b
                    .queueUrl(runner.resources().queueUrl(queue))
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return attributes.values().stream().mapToLong(Long::parseLong).sum();
        }
    }

    /** template.yaml with shorter visibility timeouts, so redeliveries happen within the soak. */
    private static Path soakTemplate(Path root, Path out) throws IOException {
        String text = Files.readString(root.resolve("template.yaml"));
        String soak = text.replace("VisibilityTimeout: 360", "VisibilityTimeout: " + USAGE_VISIBILITY)
                .replace("VisibilityTimeout: 1800", "VisibilityTimeout: " + SYNC_VISIBILITY);
        if (soak.equals(text) || !soak.contains("VisibilityTimeout: " + USAGE_VISIBILITY)) {
            throw new IllegalStateException("template.yaml's visibility timeouts changed; update SoakMain");
        }
        Path file = out.resolve("soak-template.yaml");
        Files.writeString(file, soak);
        return file;
    }
}
