package io.gradientconnector.bench.lifecycle;

import io.gradientconnector.accountsync.ScheduleHandler;
import io.gradientconnector.accountsync.SyncWorkerHandler;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.partnerkey.PartnerKeyHandler;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.usagepush.UsagePushHandler;
import io.gradientconnector.vendorevents.VendorEventsHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything the simulation runs against: the AWS emulator (a fresh table, queues and secrets), the Gradient sandbox
 * behind the {@link GradientRecorder}, one vendor with a home and an "other" organization per partner, and
 * {@value #CONTAINERS_DEFAULT}-ish independent containers. Each container is a {@link Components} of its own, built
 * from its own environment map exactly as a Lambda container builds one: its own key cache, Gradient client, stores
 * and handlers. Only the emulator's resources and the sandbox are shared, as in production.
 *
 * <p>If the emulator or the sandbox cannot start this throws: the simulation never skips.
 */
final class World implements AutoCloseable {
    static final int CONTAINERS_DEFAULT = 3;

    /** One warm container: the four handlers over one {@link Components}. */
    record Container(int id, Components components, PartnerKeyHandler portal, VendorEventsHandler webhook,
                     UsagePushHandler push, SyncWorkerHandler sync) {
    }

    /** DynamoDB latency of the {@link #slow} container: 100 events take far longer than the webhook's deadline. */
    static final int SLOW_MIN_MILLIS = 300;
    static final int SLOW_MAX_MILLIS = 500;
    /**
     * How far ahead the schedule's clock runs: the pending-delivery sweep only takes deliveries staged more than a
     * minute ago (a younger one may still be in its webhook), and the quiet phase should not wait a minute for it.
     */
    static final java.time.Duration SCHEDULE_AHEAD = java.time.Duration.ofMinutes(2);

    final Plan.Shape shape;
    final GradientSandbox sandbox;
    final SandboxControl control;
    final KeyBook keys = new KeyBook();
    final GradientRecorder recorder;
    final List<Container> containers = new ArrayList<>();
    /** A container of its own whose table is slow ({@link SlowTable}); it only runs the plan's slow delivery. */
    final Container slow;
    /** A container of its own for the plan's burst, which runs beside the rounds. */
    final Container spare;
    /** The account-sync schedule target, as the quiet phase runs it (its clock {@link #SCHEDULE_AHEAD}). */
    final ScheduleHandler schedule;
    final Map<String, String> integrationByOrg = new HashMap<>();
    private final SlowTable slowTable;
    final SqsClient sqs;
    final String usageQueue;
    final String syncQueue;
    final String webhookSecret;
    final ServiceCatalog catalog;
    /** The time event {@code occurredAt} minutes count from: a day ago, so no event is ahead of the clock. */
    final Instant eventBase = Instant.now().minusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);

    private World(Plan.Shape shape, PrintStream logs) throws IOException {
        this.shape = shape;
        AwsEmulator aws = new AwsEmulator();
        aws.endpoint(); // starts moto (or fails loudly, naming how to get one)
        this.sandbox = GradientSandbox.start(SandboxOptions.builder().port(0).rateLimitPerSecond(100_000)
                .autoMapNewAccountsAndServices(true).build());
        this.control = new SandboxControl(sandbox.baseUri());
        this.catalog = ServiceCatalogFile.example();
        String vendorKey = "vk-" + random();
        this.webhookSecret = "whsec-" + random();
        control.createVendor(vendorKey, "Lifecycle Vendor");
        for (int p = 0; p < shape.partners(); p++) {
            for (String org : List.of(shape.homeOrg(p), shape.otherOrg(p))) {
                String key = keys.next(org);
                integrationByOrg.put(org, control.createPartner(vendorKey, key, "MSP " + org, List.of("Client " + org))
                        .integrationId());
            }
        }
        // Listeners for the slow and the spare container too (their webhooks never call Gradient).
        this.recorder = new GradientRecorder(sandbox.baseUri(), keys, shape.containers() + 2);
        this.slowTable = new SlowTable(aws.endpoint(), SLOW_MIN_MILLIS, SLOW_MAX_MILLIS);
        this.sqs = aws.sqs();
        String table = aws.createTable();
        this.usageQueue = aws.createQueueWithDlq("lifecycle-usage").url();
        this.syncQueue = aws.createQueueWithDlq("lifecycle-sync").url();
        String vendorSecret = aws.createSecret(AwsEmulator.uniqueName("lifecycle-vendor"), vendorKey);
        String webhookSecretId = aws.createSecret(AwsEmulator.uniqueName("lifecycle-webhook"),
                "{\"current\":\"" + webhookSecret + "\"}");
        String partnerPrefix = AwsEmulator.uniqueName("lifecycle") + "/partners/";
        ScheduleHandler scheduleHandler = null;
        Container slowContainer = null;
        Container spareContainer = null;
        for (int c = 0; c < shape.containers() + 2; c++) {
            Map<String, String> env = new HashMap<>();
            env.put("TABLE_NAME", table);
            env.put("USAGE_QUEUE_URL", usageQueue);
            env.put("SYNC_QUEUE_URL", syncQueue);
            env.put("VENDOR_KEY_SECRET_ID", vendorSecret);
            env.put("WEBHOOK_SECRET_ID", webhookSecretId);
            env.put("PARTNER_SECRET_PREFIX", partnerPrefix);
            env.put("GRADIENT_BASE_URL", recorder.baseUrl(c));
            env.put("GRADIENT_TIMEOUT_MS", "2000");
            env.put("LOG_LEVEL", "WARN");
            if (c == shape.containers()) {
                env.put("AWS_ENDPOINT_URL", slowTable.endpoint());
            }
            Components components = Components.create(aws.environment(env), "lifecycle-c" + c, Clock.systemUTC(), logs);
            Container container = new Container(c, components,
                    io.gradientconnector.partnerkey.ContainerWiring.handler(components),
                    io.gradientconnector.vendorevents.ContainerWiring.handler(components),
                    io.gradientconnector.usagepush.ContainerWiring.handler(components),
                    io.gradientconnector.accountsync.ContainerWiring.handler(components));
            if (c < shape.containers()) {
                containers.add(container);
            }
            if (c == 0) {
                // Container 0's environment, but a clock of its own: see SCHEDULE_AHEAD.
                scheduleHandler = io.gradientconnector.accountsync.ContainerWiring.schedule(Components.create(
                        aws.environment(env), "lifecycle-schedule", Clock.offset(Clock.systemUTC(), SCHEDULE_AHEAD), logs));
            }
            if (c == shape.containers()) {
                slowContainer = container;
            } else if (c > shape.containers()) {
                spareContainer = container;
            }
        }
        this.schedule = scheduleHandler;
        this.slow = slowContainer;
        this.spare = spareContainer;
    }

    static World start(Plan.Shape shape, PrintStream logs) {
        try {
            return new World(shape, logs);
        } catch (IOException e) {
            throw new IllegalStateException("the lifecycle simulation could not start its Gradient recorder", e);
        }
    }

    String integration(String org) {
        return integrationByOrg.get(org);
    }

    /** The organization an integration id belongs to, or the id itself. */
    String orgOfIntegration(String integrationId) {
        return integrationByOrg.entrySet().stream().filter(e -> e.getValue().equals(integrationId))
                .map(Map.Entry::getKey).findFirst().orElse(integrationId);
    }

    @Override
    public void close() {
        recorder.close();
        slowTable.close();
        sandbox.close();
    }

    private static String random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
