package io.gradientconnector.bench.coldstart;

import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.lambda.Components;

import io.gradientconnector.adapter.dynamodb.DynamoDbStores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.lambda.Config;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.adapter.secretsmanager.SecretsManagerKeyVault;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.domain.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cold-start children talk to: the AWS emulator (moto, or {@code AWS_ENDPOINT_URL}) with the template's
 * resources, and an in-process sandbox holding the partners the example events name, so each first event does its
 * real work: {@code put-key.json} verifies and stores a key, {@code usage-set.json} (re-signed, with a fresh event id
 * each run) records and queues, {@code sqs-batch.json} pushes two rows that a fresh event changed before each run.
 * Not thread-safe.
 */
final class ColdStartWorld implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VENDOR_KEY = "bench-cold-vendor-key";
    private static final String WEBHOOK_SECRET = "bench-cold-webhook-secret";
    /** put-key.json submits this key for partner-1001. */
    private static final String PUT_KEY = "example-partner-api-key-0001";
    private static final PartnerId PUSH_PARTNER = PartnerId.of("partner-123");
    private static final String PUSH_PARTNER_KEY = "bench-cold-partner-123-key";
    /** sync-message.json names this partner. */
    private static final PartnerId SYNC_PARTNER = PartnerId.of("msp-contoso");
    private static final String SYNC_PARTNER_KEY = "bench-cold-msp-contoso-key";

    private final Path root;
    private final GradientSandbox sandbox;
    private final Map<String, String> env = new HashMap<>();
    private final ConnectorStores stores;
    private final Path scratch;
    private int run;

    private ColdStartWorld(Path root) {
        this.root = root;
        AwsEmulator aws = new AwsEmulator();
        sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(100_000)
                .rebuildQuietPeriod(Duration.ofMillis(100)).build());
        SandboxControl control = new SandboxControl(sandbox.baseUri());
        control.createVendor(VENDOR_KEY, "Bench Vendor");
        control.createPartner(VENDOR_KEY, PUT_KEY, "Partner 1001 MSP", List.of("Client"));
        PartnerIds push = control.createPartner(VENDOR_KEY, PUSH_PARTNER_KEY, "Partner 123 MSP", "pending",
                List.of("Client"));
        control.createPartner(VENDOR_KEY, SYNC_PARTNER_KEY, "Contoso MSP", "pending", List.of("Client"));

        String table = aws.createTable();
        env.putAll(aws.environment(Map.of()));
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("TABLE_NAME", table);
        env.put("USAGE_QUEUE_URL", aws.createQueueWithDlq("cold-usage").url());
        env.put("SYNC_QUEUE_URL", aws.createQueueWithDlq("cold-sync").url());
        env.put("ALERT_QUEUE_URL", aws.createQueueWithDlq("cold-alert").url());
        env.put("VENDOR_KEY_SECRET_ID", aws.createSecret(AwsEmulator.uniqueName("cold-vendor"), VENDOR_KEY));
        env.put("WEBHOOK_SECRET_ID", aws.createSecret(AwsEmulator.uniqueName("cold-webhook"), WEBHOOK_SECRET));
        env.put("PARTNER_SECRET_PREFIX", AwsEmulator.uniqueName("cold") + "/partners/");
        env.put("GRADIENT_BASE_URL", sandbox.baseUri().toString());
        env.put("GRADIENT_RATE_LIMIT_PER_SECOND", "20");
        env.put("LOG_LEVEL", "INFO");

        Config config = Config.from(env);
        stores = DynamoDbStores.create(aws.dynamoDb(), config.tableName(), Clock.systemUTC(), config.dedupTtl());
        Components.secretsManagerKeyVault(aws.secretsManager(), config).putPartnerKey(PUSH_PARTNER,
                Secret.of(PUSH_PARTNER_KEY));
        stores.partners().save(PartnerRecord.builder(PUSH_PARTNER, Instant.now()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(PUSH_PARTNER_KEY).fingerprint()).build());
        // The sync worker's partner: a stored key and two accounts (the warm-up run creates them in Gradient).
        Components.secretsManagerKeyVault(aws.secretsManager(), config).putPartnerKey(SYNC_PARTNER,
                Secret.of(SYNC_PARTNER_KEY));
        stores.partners().save(PartnerRecord.builder(SYNC_PARTNER, Instant.now()).status(PartnerStatus.PENDING)
                .keyFingerprint(Secret.of(SYNC_PARTNER_KEY).fingerprint()).build());
        for (String account : List.of("acct-c1", "acct-c2")) {
            stores.journal().record(new VendorEvent.AccountUpserted(EventId.of("cold-" + account), SYNC_PARTNER,
                    Instant.now().minusSeconds(60), new VendorAccount(AccountId.of(account), "Customer " + account,
                    null)));
        }
        // As after an account sync: the services exist and are mapped, so are the two accounts sqs-batch.json names.
        PartnerSession session = GradientClient.builder().baseUri(sandbox.baseUri()).build()
                .session(new GradientCredentials(VENDOR_KEY, PUSH_PARTNER_KEY));
        ServiceCatalog catalog = ServiceCatalogFile.example();
        for (ServiceCatalog.Service service : catalog.services()) {
            String sku = session.createService(CreateServiceRequest.of(service.name(), service.description(),
                            ServiceCategory.fromWire(service.category()), ServiceSubcategory.fromWire(service.subcategory())))
                    .skuNamed(service.name()).orElseThrow().id();
            stores.catalog().put(service.key(), sku, service.name());
            control.mapService(push.integrationId(), sku);
        }
        session.createAccounts(List.of(NewAccount.of("acct-1001", "Contoso"), NewAccount.of("acct-2001", "Northwind")));
        control.mapAccount(push.integrationId(), "acct-1001");
        control.mapAccount(push.integrationId(), "acct-2001");
        try {
            scratch = Files.createTempDirectory("cold-start-events");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ColdStartWorld start(Path root) {
        return new ColdStartWorld(root);
    }

    Map<String, String> environment() {
        return Map.copyOf(env);
    }

    /** Every function whose artifact is built, with the event its first invocation handles. */
    List<ColdStartBench.Target> targets() {
        List<ColdStartBench.Target> targets = new ArrayList<>();
        add(targets, "partner-key", "partner-key", "io.gradientconnector.partnerkey.PartnerKeyHandler",
                "events/partner-key/put-key.json");
        add(targets, "vendor-events", "vendor-events", "io.gradientconnector.vendorevents.VendorEventsHandler",
                "events/vendor-events/usage-set.json");
        add(targets, "usage-push", "usage-push", "io.gradientconnector.usagepush.UsagePushHandler",
                "events/usage-push/sqs-batch.json");
        add(targets, "account-sync (schedule)", "account-sync", "io.gradientconnector.accountsync.ScheduleHandler",
                "events/account-sync/schedule.json");
        add(targets, "account-sync (worker)", "account-sync", "io.gradientconnector.accountsync.SyncWorkerHandler",
                "events/account-sync/sync-message.json");
        add(targets, "alert-dispatch", "alert-dispatch", "io.gradientconnector.alertdispatch.AlertDispatchHandler",
                "events/alert-dispatch/sqs-alert.json");
        return targets;
    }

    private void add(List<ColdStartBench.Target> targets, String name, String module, String handler, String event) {
        Path jar = root.resolve("functions").resolve(module).resolve("target").resolve(module + ".jar");
        if (Files.isRegularFile(jar)) {
            targets.add(new ColdStartBench.Target(name, jar, handler, root.resolve(event)));
        } else {
            System.out.println("  (no " + root.relativize(jar) + ": " + name + " not measured)");
        }
    }

    /** The event file for this run of {@code target}, after putting the world in the state it expects. */
    Path prepare(ColdStartBench.Target target) {
        run++;
        try {
            if (target.event().endsWith("usage-set.json")) {
                return resignedDelivery(target.event());
            }
            if (target.event().endsWith("sqs-batch.json")) {
                Instant at = Instant.now().minusSeconds(1);
                for (String[] row : new String[][]{{"acct-1001", "backup-server"}, {"acct-2001", "backup-workstation"}}) {
                    stores.journal().record(new VendorEvent.UsageSet(EventId.of("cold-" + run + "-" + row[0]),
                            PUSH_PARTNER, at, AccountId.of(row[0]), ServiceKey.of(row[1]), Quantity.of(Integer.toString(run))));
                }
            }
            return target.event();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** usage-set.json with a new event id, signed now with the emulator's signing secret. */
    private Path resignedDelivery(Path example) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(example));
        ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText());
        body.put("id", "cold-start-" + run);
        body.put("occurredAt", Instant.now().minusSeconds(5).toString());
        String text = body.toString();
        long now = Instant.now().getEpochSecond();
        event.put("body", text);
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(WEBHOOK_SECRET, now,
                text.getBytes(StandardCharsets.UTF_8)));
        Path file = scratch.resolve("usage-set-" + run + ".json");
        Files.writeString(file, JSON.writeValueAsString(event));
        return file;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
