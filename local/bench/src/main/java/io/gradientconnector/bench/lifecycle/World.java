package io.gradientconnector.bench.lifecycle;

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

    final Plan.Shape shape;
    final GradientSandbox sandbox;
    final SandboxControl control;
    final KeyBook keys = new KeyBook();
    final GradientRecorder recorder;
    final List<Container> containers = new ArrayList<>();
    final Map<String, String> integrationByOrg = new HashMap<>();
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
        this.catalog = ServiceCatalogFile.load(Optional.empty());
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
        this.recorder = new GradientRecorder(sandbox.baseUri(), keys, shape.containers());
        this.sqs = aws.sqs();
        String table = aws.createTable();
        this.usageQueue = aws.createQueueWithDlq("lifecycle-usage").url();
        this.syncQueue = aws.createQueueWithDlq("lifecycle-sync").url();
        String vendorSecret = aws.createSecret(AwsEmulator.uniqueName("lifecycle-vendor"), vendorKey);
        String webhookSecretId = aws.createSecret(AwsEmulator.uniqueName("lifecycle-webhook"),
                "{\"current\":\"" + webhookSecret + "\"}");
        String partnerPrefix = AwsEmulator.uniqueName("lifecycle") + "/partners/";
        for (int c = 0; c < shape.containers(); c++) {
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
            Components components = Components.create(aws.environment(env), "lifecycle-c" + c, Clock.systemUTC(), logs);
            containers.add(new Container(c, components,
                    io.gradientconnector.partnerkey.ContainerWiring.handler(components),
                    io.gradientconnector.vendorevents.ContainerWiring.handler(components),
                    io.gradientconnector.usagepush.ContainerWiring.handler(components),
                    io.gradientconnector.accountsync.ContainerWiring.handler(components)));
        }
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
        sandbox.close();
    }

    private static String random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
