package io.gradientconnector.bench.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.adapter.dynamodb.DynamoDbStores;
import io.gradientconnector.bench.Table;
import io.gradientconnector.bench.lifecycle.SlowTable;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.WebhookSignature;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.Config;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.vendorevents.ContainerWiring;
import io.gradientconnector.vendorevents.VendorEventsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Webhook ingestion: 100-event deliveries through the real {@link VendorEventsHandler} (built by its
 * {@link ContainerWiring} from {@link Components}, as the function builds it) against the AWS emulator, at the
 * emulator's own speed and through a {@link SlowTable} adding a fixed latency to every DynamoDB call, once with
 * {@code WEBHOOK_APPLY_CONCURRENCY=1} (events applied one by one in delivery order: the code path before lanes) and
 * once per other concurrency. Each delivery is 25 accounts × 4 services of one connected partner, fresh event ids,
 * a mix of sets and adds, signed now; the Lambda context reports 30 s left, as deployed. Reports p50/p99 of the time
 * to answer, events/s applied before answering, and how many events were left pending for the sweep. Not
 * thread-safe.
 */
public final class IngestBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "bench-ingest-webhook-secret";
    private static final String[] SERVICES = {"backup-server", "backup-workstation", "mailbox-archive", "edr-endpoint"};
    private static final int EVENTS = 100;

    /** One measured cell: added DynamoDB latency and apply concurrency. */
    record Cell(int latencyMillis, int concurrency, double p50Ms, double p99Ms, double maxMs, double eventsPerSecond,
                int deliveries, int pending, String statuses) {
    }

    private final AwsEmulator aws = new AwsEmulator();
    private final Map<String, String> env = new HashMap<>();
    private final PartnerId partner = PartnerId.of("bench-ingest");
    private int sequence;

    private IngestBench() {
        // The handler's Components read the emulator's (any) credentials from the process environment, as in Lambda.
        if (System.getenv("AWS_ACCESS_KEY_ID") == null || System.getenv("AWS_SECRET_ACCESS_KEY") == null) {
            throw new IllegalStateException("ingest bench: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any value,"
                    + " e.g. test; make bench does)");
        }
        env.putAll(aws.environment(Map.of()));
        env.put("USAGE_QUEUE_URL", aws.createQueueWithDlq("ingest-usage").url());
        env.put("WEBHOOK_SECRET_ID", aws.createSecret(AwsEmulator.uniqueName("ingest-webhook"), SECRET));
        env.put("VENDOR_KEY_SECRET_ID", aws.createSecret(AwsEmulator.uniqueName("ingest-vendor"), "unused"));
        env.put("PARTNER_SECRET_PREFIX", AwsEmulator.uniqueName("ingest") + "/partners/");
        env.put("LOG_LEVEL", "WARN");
    }

    /**
     * Every latency × concurrency; {@code deliveries(latency)} measured deliveries per cell after one unreported
     * warm-up delivery (JIT, connections, the secret's cache).
     */
    public static List<Table> run(List<Integer> latencies, List<Integer> concurrencies) {
        IngestBench bench = new IngestBench();
        List<Cell> cells = new ArrayList<>();
        for (int latency : latencies) {
            for (int concurrency : concurrencies) {
                Cell cell = bench.measure(latency, concurrency, deliveries(latency));
                System.out.printf(Locale.ROOT, "  ingest +%d ms x %d lanes: p50 %.0f ms, p99 %.0f ms, %.0f events/s,"
                        + " pending %d (%s)%n", latency, concurrency, cell.p50Ms(), cell.p99Ms(),
                        cell.eventsPerSecond(), cell.pending(), cell.statuses());
                cells.add(cell);
            }
        }
        Table table = new Table("Webhook ingestion: " + EVENTS + "-event deliveries through VendorEventsHandler "
                + "against the AWS emulator (moto), time to answer",
                "added DynamoDB latency ms", "WEBHOOK_APPLY_CONCURRENCY", "deliveries", "p50 ms", "p99 ms", "max ms",
                "events/s", "pending", "answers");
        for (Cell c : cells) {
            table.row(c.latencyMillis(), c.concurrency() + (c.concurrency() == 1 ? " (in order, as before)" : ""),
                    c.deliveries(), round(c.p50Ms()), round(c.p99Ms()), round(c.maxMs()), round(c.eventsPerSecond()),
                    c.pending(), c.statuses());
        }
        table.note("each delivery: 25 accounts x 4 services of one connected partner, fresh ids, 3 sets : 1 add; "
                + "events/s = events applied before answering / time answering");
        table.note("added latency: a proxy holds every DynamoDB request that long before forwarding it (SQS and "
                + "Secrets Manager pass straight through); moto itself serves one request at a time");
        table.note("pending = events left to the pending-delivery sweep (answered 202 before the deadline, 24 s)");
        table.note(Runtime.getRuntime().availableProcessors() + " cores; " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        return List.of(table);
    }

    /** {@code -Dbench.ingestDeliveries=N} per cell (default 5: the in-order cells take 15-25 s a delivery on moto). */
    private static int deliveries(int latency) {
        Integer fixed = Integer.getInteger("bench.ingestDeliveries");
        if (fixed != null) {
            return fixed;
        }
        return 5;
    }

    private Cell measure(int latency, int concurrency, int deliveries) {
        SlowTable slow = null;
        String table = null;
        try {
            // A fresh table per cell, deleted after it: moto copies every table of the region on each transaction, so
            // its per-call cost grows with what the table holds, and every cell should start alike.
            table = aws.createTable();
            Map<String, String> cellEnv = new HashMap<>(env);
            cellEnv.put("TABLE_NAME", table);
            Config config = Config.from(cellEnv);
            ConnectorStores stores = DynamoDbStores.create(aws.dynamoDb(), table, Clock.systemUTC(), config.dedupTtl());
            stores.partners().save(PartnerRecord.builder(partner, Instant.now()).status(PartnerStatus.ACTIVE).build());
            cellEnv.put("WEBHOOK_APPLY_CONCURRENCY", Integer.toString(concurrency));
            if (latency > 0) {
                slow = new SlowTable(aws.endpoint(), latency, latency);
                cellEnv.put("AWS_ENDPOINT_URL", slow.endpoint());
            }
            // A container of its own: its own SDK clients and key cache, as a fresh warm Lambda's.
            // -Dbench.ingestLog=DEBUG: the container's JSON lines on stderr (e.g. to see where a delivery's time goes).
            String logLevel = System.getProperty("bench.ingestLog");
            if (logLevel != null) {
                cellEnv.put("LOG_LEVEL", logLevel);
            }
            Components components = Components.create(cellEnv, "vendor-events", Clock.systemUTC(), logLevel != null
                    ? System.err : new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            VendorEventsHandler handler = ContainerWiring.handler(components);
            APIGatewayProxyResponseEvent warmUp = deliver(handler); // JIT, connections, the secret's cache
            if (warmUp.getStatusCode() != 202) {
                throw new IllegalStateException("the warm-up delivery was answered " + warmUp.getStatusCode() + " "
                        + warmUp.getBody());
            }
            double[] millis = new double[deliveries];
            long applied = 0;
            int pending = 0;
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            double total = 0;
            for (int i = 0; i < deliveries; i++) {
                long start = System.nanoTime();
                APIGatewayProxyResponseEvent answer = deliver(handler);
                millis[i] = (System.nanoTime() - start) / 1e6;
                total += millis[i];
                statuses.merge(answer.getStatusCode(), 1, Integer::sum);
                if (answer.getStatusCode() == 202) {
                    JsonNode body = JSON.readTree(answer.getBody());
                    int left = body.path("pending").asInt(0);
                    pending += left;
                    applied += EVENTS - left;
                }
            }
            Arrays.sort(millis);
            StringBuilder answers = new StringBuilder();
            statuses.forEach((status, n) -> answers.append(answers.isEmpty() ? "" : ", ").append(n).append(" x ")
                    .append(status));
            return new Cell(latency, concurrency, percentile(millis, 50), percentile(millis, 99),
                    millis[millis.length - 1], applied / (total / 1000), deliveries, pending, answers.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (slow != null) {
                slow.close();
            }
            if (table != null) {
                String name = table;
                aws.dynamoDb().deleteTable(b -> b.tableName(name));
            }
        }
    }

    private APIGatewayProxyResponseEvent deliver(VendorEventsHandler handler) throws IOException {
        int delivery = ++sequence;
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        Instant at = Instant.now().minusSeconds(60);
        for (int i = 0; i < EVENTS; i++) {
            ObjectNode event = events.addObject();
            event.put("id", "ingest-" + delivery + "-" + i);
            event.put("type", i % 4 == 3 ? "usage.add" : "usage.set");
            event.put("partnerId", partner.value());
            event.put("occurredAt", at.plusMillis(delivery * 1000L + i).toString());
            event.put("accountId", "acct-" + (i % 25));
            event.put("service", SERVICES[i / 25]);
            event.put("quantity", 1 + (delivery + i) % 50);
        }
        String text = JSON.writeValueAsString(body);
        long now = Instant.now().getEpochSecond();
        APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST").withPath("/webhooks/vendor-events").withResource("/webhooks/vendor-events")
                .withHeaders(Map.of("Content-Type", "application/json",
                        WebhookSignature.TIMESTAMP_HEADER, Long.toString(now),
                        WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(SECRET, now,
                                text.getBytes(StandardCharsets.UTF_8))))
                .withBody(text);
        return handler.handleRequest(request, new FakeLambdaContext(30_000));
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
