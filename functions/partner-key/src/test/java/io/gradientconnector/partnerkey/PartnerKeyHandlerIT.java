package io.gradientconnector.partnerkey;

import io.gradientconnector.adapter.dynamodb.DynamoDbPushAuditLog;
import io.gradientconnector.app.report.ReportUseCases;
import io.gradientconnector.app.sync.SyncPreview;
import io.gradientconnector.lambda.ServiceCatalogFile;

import io.gradientconnector.adapter.dynamodb.DynamoDbStores;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.lambda.Config;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.GradientClientOptions;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.adapter.gradient.RetryPolicy;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.adapter.dynamodb.DynamoDbPartnerLocks;
import io.gradientconnector.app.partner.PartnerUseCases;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.adapter.sqs.SqsSyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.PartnerIds;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.adapter.secretsmanager.CachingKeyVault;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.adapter.secretsmanager.SecretsManagerKeyVault;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.RecordingLogger;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance flow: the handler with its real adapters (DynamoDB, SQS, Secrets Manager on the AWS emulator) and a
 * real Gradient client against the in-process sandbox, replaying {@code events/partner-key/}. Every response body,
 * every log line (handler and Gradient client) and every metric line is searched for the keys after each test.
 */
class PartnerKeyHandlerIT {
    @RegisterExtension
    static final AwsEmulator aws = new AwsEmulator();

    private static final String VENDOR_KEY = "VENDORKEY" + UUID.randomUUID().toString().replace("-", "");
    private static GradientSandbox sandbox;
    private static SandboxControl control;
    private static Config config;
    private static String queueUrl;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private final RecordingLogger gradientLog = new RecordingLogger();
    private final List<String> responses = new ArrayList<>();
    private final List<String> partnerKeys = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private ConnectorStores stores;
    private KeyVault vault;
    private PartnerKeyHandler handler;

    @BeforeAll
    static void startEverything() {
        sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(10_000).build());
        control = new SandboxControl(sandbox.baseUri());
        control.createVendor(VENDOR_KEY, "AcmeBackup");
        String vendorSecret = aws.createSecret(AwsEmulator.uniqueName("vendor-key"), VENDOR_KEY);
        queueUrl = aws.createQueueWithDlq("sync").url();
        config = aws.config(Map.of(
                "TABLE_NAME", aws.createTable(),
                "SYNC_QUEUE_URL", queueUrl,
                "VENDOR_KEY_SECRET_ID", vendorSecret,
                "PARTNER_SECRET_PREFIX", AwsEmulator.uniqueName("connector") + "/partners/",
                "GRADIENT_BASE_URL", sandbox.baseUri().toString()));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void buildHandler() {
        control.clearFaults();
        stores = DynamoDbStores.create(aws.dynamoDb(), config.tableName(), clock, config.dedupTtl(),
                ServiceCatalogFile.example()::rowService);
        vault = new CachingKeyVault(Components.secretsManagerKeyVault(aws.secretsManager(), config),
                config.secretsCacheTtl(), clock);
        // Retries as in production, minus the waiting: the sleeper returns at once.
        GradientClient gradient = GradientClient.builder().baseUri(sandbox.baseUri()).clock(clock)
                .sleeper(duration -> { }).logger(gradientLog)
                .options(GradientClientOptions.builder().retry(RetryPolicy.defaults()).build())
                .build();
        PartnerUseCases useCases = PartnerUseCases.builder()
                .stores(stores)
                .vault(vault)
                .gradient(gradient)
                .locks(new DynamoDbPartnerLocks(aws.dynamoDb(), config.tableName()))
                .syncQueue(new SqsSyncQueue(aws.sqs(), queueUrl))
                .clock(clock)
                .build();
        handler = new PartnerKeyHandler(useCases, ReportUseCases.create(stores.partners(), stores.ledger(),
                stores.catalog(), new DynamoDbPushAuditLog(aws.dynamoDb(), config.tableName(), Duration.ofDays(90)),
                ServiceCatalogFile.example()),
                new SyncPreview(stores, vault, gradient, ServiceCatalogFile.example()),
                JsonLog.builder().function("partner-key").out(out).clock(clock).level(JsonLog.Level.DEBUG).build(),
                Metrics.builder().function("partner-key").out(out).clock(clock).build(), clock);
    }

    @AfterEach
    void noKeyInAnyResponseOrLogLine() {
        List<String> texts = new ArrayList<>(responses);
        texts.add(output.toString(StandardCharsets.UTF_8));
        texts.addAll(gradientLog.lines());
        List<String> secrets = new ArrayList<>(List.of(VENDOR_KEY));
        for (String key : partnerKeys) {
            secrets.add(key);
            secrets.add(new GradientCredentials(VENDOR_KEY, key).token());
        }
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a key leaked into: " + text);
            }
        }
        assertFalse(output.toString(StandardCharsets.UTF_8).isEmpty(), "the handler logged something");
    }

    // ------------------------------------------------------------------------------------------------ the flow

    /**
     * The dry run answers what a sync would create, rename and push, computed now, and calls only Gradient's read
     * routes: the sandbox's request log shows GETs alone, and nothing is stored or queued.
     */
    @Test
    void dryRun_shouldAnswerWhatTheSyncWouldDo_callingOnlyGradientsReadRoutes_andChangingNothing() {
        String partnerId = TestEvents.uniquePartner().value();
        PartnerId partner = PartnerId.of(partnerId);
        String key = newKey();
        control.createPartner(VENDOR_KEY, key, "Preview MSP", List.of());
        assertEquals(200, handle(ApiEvents.put(partnerId, key)).getStatusCode());
        drainQueue();
        stores.journal().record(TestEvents.upsert("dry-1", partner, "acct-1", "Acme Dental", 1));
        stores.journal().record(TestEvents.set("dry-2", partner, "acct-1", "backup-server", "12", 2));
        stores.journal().record(TestEvents.add("dry-3", partner, "acct-1", "m365-backup-user", "5", 3));
        stores.journal().record(TestEvents.add("dry-4", partner, "acct-1", "m365-backup-shared-mailbox", "2", 4));
        stores.journal().record(TestEvents.set("dry-5", partner, "acct-1", "storage-bytes",
                Long.toString(3L * 1024 * 1024 * 1024 + 1), 5));
        Map<ServiceKey, String> servicesBefore = stores.catalog().all();
        long since = control.requests().stream().mapToLong(RecordedRequest::seq).max().orElse(0);

        APIGatewayProxyResponseEvent response = handle(ApiEvents.withQuery(
                ApiEvents.forPartner("request-sync.json", partnerId), Map.of("dryRun", "true")));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode plan = ApiEvents.body(response);
        assertTrue(plan.path("dryRun").asBoolean());
        assertEquals("acct-1", plan.path("accountsToCreate").path(0).path("accountId").asText());
        assertEquals("Acme Dental", plan.path("accountsToCreate").path(0).path("name").asText());
        Map<String, String> counts = new java.util.TreeMap<>();
        plan.path("pushes").forEach(p -> counts.put(p.path("service").asText(), p.path("count").asText()));
        assertEquals(Map.of("backup-server", "12", "backup-seats", "7", "cloud-storage", "4"), counts,
                "composite: 5 + 2; storage: 3 GiB + 1 byte, per started GB");
        assertEquals(3, plan.path("pushesTotal").asInt());
        List<RecordedRequest> during = control.requests(since);
        assertFalse(during.isEmpty(), "Gradient was read");
        assertEquals(List.of(), during.stream().filter(r -> !r.method().equals("GET"))
                .map(r -> r.method() + " " + r.path()).toList(), "no write route called");
        assertEquals(List.of(), drainQueue(), "no sync queued");
        assertEquals(servicesBefore, stores.catalog().all(), "no service recorded");
        assertEquals(GradientAccountState.NONE, stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow()
                .gradientState(), "no account recorded as created");

        APIGatewayProxyResponseEvent bad = handle(ApiEvents.withQuery(
                ApiEvents.forPartner("request-sync.json", partnerId), Map.of("dryRun", "yes")));
        assertEquals(400, bad.getStatusCode());
        assertEquals("dryRun", ApiEvents.body(bad).path("field").asText());
        assertEquals(202, handle(ApiEvents.withQuery(ApiEvents.forPartner("request-sync.json", partnerId),
                Map.of("dryRun", "false"))).getStatusCode());
    }

    @Test
    void flow_shouldSubmitViewRegenerateDisconnectAndReconnect_whenDrivenThroughTheHandler() {
        String partnerId = TestEvents.uniquePartner().value();
        PartnerId partner = PartnerId.of(partnerId);
        String key = newKey();
        PartnerIds ids = control.createPartner(VENDOR_KEY, key, "Contoso MSP", List.of("Contoso Pharmacy", "Alpine"));
        drainQueue();

        // Submit.
        APIGatewayProxyResponseEvent put = handle(ApiEvents.put(partnerId, key));
        assertEquals(200, put.getStatusCode());
        JsonNode view = ApiEvents.body(put);
        assertEquals("PENDING", view.path("status").asText());
        assertEquals("pending", view.path("gradient").path("status").asText());
        assertEquals("Contoso MSP", view.path("organizationName").asText());
        assertEquals(Secret.of(key).fingerprint(), view.path("keyFingerprint").asText());
        assertEquals("pending", gradientStatus(ids.integrationId()));
        assertEquals(Optional.of(Secret.of(key)), vault.partnerKey(partner));
        assertEquals(List.of(new SyncRequest(partner, SyncReason.KEY_SUBMITTED)), drainQueue());
        PartnerRecord record = stores.partners().get(partner).orElseThrow();
        assertEquals(Optional.of(ids.integrationId()), record.integrationId());
        Instant connectedAt = record.connectedAt().orElseThrow();

        // View.
        APIGatewayProxyResponseEvent get = handle(ApiEvents.forPartner("get-integration.json", partnerId));
        assertEquals(200, get.getStatusCode());
        view = ApiEvents.body(get);
        assertTrue(view.path("gradient").path("reachable").asBoolean());
        assertEquals("Contoso MSP", view.path("gradient").path("organizationName").asText());

        // The sync (another issue) would create accounts and push counts; stand in for it.
        seedAccountAndPushedCount(partner);
        view = ApiEvents.body(handle(ApiEvents.forPartner("get-integration.json", partnerId)));
        assertEquals(1, view.path("accounts").path("createdInGradient").asInt());
        assertEquals(1, view.path("usage").path("pushed").asInt());

        // PSA clients and a manual sync.
        APIGatewayProxyResponseEvent clients = handle(ApiEvents.withQuery(
                ApiEvents.forPartner("list-clients.json", partnerId), Map.of("search", "contoso")));
        assertEquals(200, clients.getStatusCode());
        assertEquals("Contoso Pharmacy", ApiEvents.body(clients).path("clients").path(0).path("name").asText());
        assertEquals(1, ApiEvents.body(clients).path("clients").size());
        assertEquals(202, handle(ApiEvents.forPartner("request-sync.json", partnerId)).getStatusCode());
        assertEquals(List.of(new SyncRequest(partner, SyncReason.MANUAL)), drainQueue());

        // The MSP regenerates its key in Gradient: the stored one is rejected, the view says so.
        String regenerated = newKey();
        control.regenerateKey(ids.integrationId(), regenerated);
        view = ApiEvents.body(handle(ApiEvents.forPartner("get-integration.json", partnerId)));
        assertFalse(view.path("gradient").path("reachable").asBoolean());
        assertEquals("partner key rejected", view.path("gradient").path("error").asText());
        assertEquals("NEEDS_KEY", view.path("status").asText());
        APIGatewayProxyResponseEvent refusedSync = handle(ApiEvents.forPartner("request-sync.json", partnerId));
        assertEquals(409, refusedSync.getStatusCode());
        assertEquals("partner_needs_key", ApiEvents.body(refusedSync).path("error").asText());

        // Submitting the regenerated key replaces the old one and keeps the accounts.
        put = handle(ApiEvents.put(partnerId, regenerated));
        assertEquals(200, put.getStatusCode());
        view = ApiEvents.body(put);
        assertEquals("PENDING", view.path("status").asText());
        assertEquals(Secret.of(regenerated).fingerprint(), view.path("keyFingerprint").asText());
        assertEquals(1, view.path("accounts").path("createdInGradient").asInt());
        assertEquals(Optional.of(Secret.of(regenerated)), vault.partnerKey(partner));
        assertEquals(Optional.of(connectedAt), stores.partners().get(partner).orElseThrow().connectedAt());
        assertEquals(1, drainQueue().size());

        // The MSP disconnects in Gradient, then the portal disconnects the partner.
        control.disconnect(ids.integrationId());
        APIGatewayProxyResponseEvent delete = handle(ApiEvents.forPartner("delete-key.json", partnerId));
        assertEquals(204, delete.getStatusCode());
        assertEquals("inactive", gradientStatus(ids.integrationId()));
        assertTrue(vault.partnerKey(partner).isEmpty());
        assertThrows(ResourceNotFoundException.class, () -> aws.secretsManager().describeSecret(
                b -> b.secretId(config.requirePartnerSecretPrefix() + partnerId)));
        AccountRecord account = stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow();
        assertEquals(GradientAccountState.NONE, account.gradientState());
        assertFalse(account.mapped());
        assertTrue(stores.ledger().get(UsageRowKey.of(partnerId, "acct-1", "backup-server")).orElseThrow().needsPush());
        assertEquals(PartnerStatus.DISCONNECTED, stores.partners().get(partner).orElseThrow().status());
        assertEquals(404, handle(ApiEvents.forPartner("get-integration.json", partnerId)).getStatusCode());
        assertEquals(404, handle(ApiEvents.forPartner("request-sync.json", partnerId)).getStatusCode());
        assertEquals(404, handle(ApiEvents.forPartner("list-clients.json", partnerId)).getStatusCode());
        assertEquals(204, handle(ApiEvents.forPartner("delete-key.json", partnerId)).getStatusCode());

        // Reconnect with the same key.
        put = handle(ApiEvents.put(partnerId, regenerated));
        assertEquals(200, put.getStatusCode());
        assertEquals("pending", gradientStatus(ids.integrationId()));
        record = stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.PENDING, record.status());
        assertNotEquals(Optional.of(connectedAt), record.connectedAt(), "a reconnect is a new connection");
        assertEquals(Optional.of(Secret.of(regenerated)), vault.partnerKey(partner));
        assertEquals(List.of(new SyncRequest(partner, SyncReason.KEY_SUBMITTED)), drainQueue());
        view = ApiEvents.body(put);
        assertEquals(1, view.path("accounts").path("known").asInt());
        assertEquals(0, view.path("accounts").path("createdInGradient").asInt(), "the sync recreates them");
        assertEquals(1, view.path("usage").path("pending").asInt(), "the sync pushes the count again");
    }

    @Test
    void put_shouldAnswer422AndStoreNothing_whenGradientRejectsTheKey() {
        String partnerId = TestEvents.uniquePartner().value();
        String unknownKey = newKey();
        drainQueue();

        APIGatewayProxyResponseEvent response = handle(ApiEvents.put(partnerId, unknownKey));

        assertEquals(422, response.getStatusCode());
        JsonNode error = ApiEvents.body(response);
        assertEquals("partner_key_rejected", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("generate a new key"));
        assertNothingStored(partnerId);
    }

    @Test
    void put_shouldAnswer422_whenReplayingTheRejectedKeyEvent() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.forPartner("put-key-rejected.json",
                TestEvents.uniquePartner().value()));

        assertEquals(422, response.getStatusCode());
    }

    @Test
    void put_shouldAnswer502AndStoreNothing_whenGradientHasAnOutage() {
        String partnerId = TestEvents.uniquePartner().value();
        String key = newKey();
        control.createPartner(VENDOR_KEY, key, "Outage MSP", List.of());
        drainQueue();
        control.faults(FaultPlan.builder().outageSeconds(3600).build());

        APIGatewayProxyResponseEvent response = handle(ApiEvents.put(partnerId, key));

        assertEquals(502, response.getStatusCode());
        assertEquals("gradient_unavailable", ApiEvents.body(response).path("error").asText());
        assertNothingStored(partnerId);
        long attempts = control.requests().stream().filter(r -> r.path().endsWith("/organization")
                && r.status() == 503).count();
        assertTrue(attempts >= RetryPolicy.defaults().maxAttempts(), "the client retried before giving up");

        control.clearFaults();
        assertEquals(200, handle(ApiEvents.put(partnerId, key)).getStatusCode());
    }

    @Test
    void put_shouldAnswer503WithRetryAfterAndStoreNothing_whenGradientThrottlesPastTheRetries() {
        String partnerId = TestEvents.uniquePartner().value();
        String key = newKey();
        control.createPartner(VENDOR_KEY, key, "Busy MSP", List.of());
        drainQueue();
        control.faults(FaultPlan.builder().rate429(1.0).retryAfterSeconds(4).build());

        APIGatewayProxyResponseEvent response = handle(ApiEvents.put(partnerId, key));

        assertEquals(503, response.getStatusCode());
        assertEquals("gradient_throttled", ApiEvents.body(response).path("error").asText());
        assertEquals("4", response.getHeaders().get("Retry-After"));
        assertNothingStored(partnerId);
    }

    @Test
    void get_shouldSayGradientIsUnreachable_whenGradientHasAnOutage() {
        String partnerId = TestEvents.uniquePartner().value();
        String key = newKey();
        control.createPartner(VENDOR_KEY, key, "Outage MSP", List.of());
        assertEquals(200, handle(ApiEvents.put(partnerId, key)).getStatusCode());
        control.faults(FaultPlan.builder().outageSeconds(3600).build());

        APIGatewayProxyResponseEvent response = handle(ApiEvents.forPartner("get-integration.json", partnerId));

        assertEquals(200, response.getStatusCode());
        JsonNode view = ApiEvents.body(response);
        assertFalse(view.path("gradient").path("reachable").asBoolean());
        assertEquals("Gradient is unavailable (HTTP 503)", view.path("gradient").path("error").asText());
        assertEquals("PENDING", view.path("status").asText());
    }

    @Test
    void put_shouldLeaveOneConsistentRecord_whenTwoSubmissionsRace() throws Exception {
        String partnerId = TestEvents.uniquePartner().value();
        PartnerId partner = PartnerId.of(partnerId);
        String first = newKey();
        control.createPartner(VENDOR_KEY, first, "Racing MSP", List.of());
        String second = newKey();
        // Gradient accepts one key per integration at a time, so the second key is another integration's.
        control.createPartner(VENDOR_KEY, second, "Racing MSP too", List.of());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<APIGatewayProxyResponseEvent> a = pool.submit(() -> {
                start.await();
                return handle(ApiEvents.put(partnerId, first));
            });
            Future<APIGatewayProxyResponseEvent> b = pool.submit(() -> {
                start.await();
                return handle(ApiEvents.put(partnerId, second));
            });
            start.countDown();
            List<Integer> statuses = List.of(a.get().getStatusCode(), b.get().getStatusCode());

            assertTrue(statuses.contains(200), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        Secret stored = vault.partnerKey(partner).orElseThrow();
        assertEquals(Optional.of(stored.fingerprint()), stores.partners().get(partner).orElseThrow().keyFingerprint(),
                "the stored key and the record's fingerprint agree");
        assertTrue(stored.equals(Secret.of(first)) || stored.equals(Secret.of(second)));
    }

    @Test
    void handleRequest_shouldAnswer400NamingTheFieldAndStoreNothing_whenBodiesOrIdsAreMalformed() {
        String[][] cases = {
                {"put-key-missing-key.json", "partnerApiKey"},
                {"put-key-not-a-string.json", "partnerApiKey"},
                {"put-key-invalid-key.json", "partnerApiKey"},
                {"put-key-unknown-field.json", "vendorKey"},
                {"put-key-malformed-json.json", "body"},
        };
        String partnerId = TestEvents.uniquePartner().value();
        drainQueue();
        for (String[] c : cases) {
            APIGatewayProxyResponseEvent response = handle(ApiEvents.forPartner(c[0], partnerId));
            assertEquals(400, response.getStatusCode(), c[0]);
            assertEquals(c[1], ApiEvents.body(response).path("field").asText(), c[0]);
        }
        assertNothingStored(partnerId);

        APIGatewayProxyResponseEvent badId = handle(ApiEvents.load("put-key-invalid-partner-id.json"));
        assertEquals(400, badId.getStatusCode());
        assertEquals("partnerId", ApiEvents.body(badId).path("field").asText());
        for (String id : List.of("../other", "-starts-with-dash", "x".repeat(65), "semi;colon")) {
            for (String event : List.of("get-integration.json", "delete-key.json", "request-sync.json",
                    "list-clients.json")) {
                APIGatewayProxyResponseEvent response = handle(ApiEvents.forPartner(event, id));
                assertEquals(400, response.getStatusCode(), event + " " + id);
                assertEquals("partnerId", ApiEvents.body(response).path("field").asText());
            }
        }
        APIGatewayProxyResponseEvent badQuery = handle(ApiEvents.load("list-clients-invalid-previous-id.json"));
        assertEquals(400, badQuery.getStatusCode());
        assertEquals("previousId", ApiEvents.body(badQuery).path("field").asText());
        assertEquals(404, handle(ApiEvents.load("unknown-route.json")).getStatusCode());
    }

    @Test
    void components_shouldWireTheHandlerFromTheEnvironment_whenBuiltLikeTheLambda() {
        Map<String, String> env = new HashMap<>(aws.environment(Map.of()));
        env.put("TABLE_NAME", config.tableName());
        env.put("SYNC_QUEUE_URL", queueUrl);
        env.put("VENDOR_KEY_SECRET_ID", config.requireVendorKeySecretId());
        env.put("PARTNER_SECRET_PREFIX", config.requirePartnerSecretPrefix());
        env.put("GRADIENT_BASE_URL", sandbox.baseUri().toString());
        PartnerKeyHandler wired = new PartnerKeyHandler(Components.create(env, "partner-key", clock, out));
        String partnerId = TestEvents.uniquePartner().value();
        String key = newKey();
        control.createPartner(VENDOR_KEY, key, "Wired MSP", List.of());

        APIGatewayProxyResponseEvent put = wired.handleRequest(ApiEvents.put(partnerId, key), null);
        responses.add(put.getBody());
        APIGatewayProxyResponseEvent get = wired.handleRequest(ApiEvents.forPartner("get-integration.json", partnerId),
                null);
        responses.add(get.getBody());

        assertEquals(200, put.getStatusCode());
        assertEquals(200, get.getStatusCode());
        assertEquals("Wired MSP", ApiEvents.body(get).path("organizationName").asText());
        drainQueue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        synchronized (responses) {
            responses.add(String.valueOf(response.getBody()));
            responses.add(String.valueOf(response.getHeaders()));
        }
        return response;
    }

    private String newKey() {
        String key = "PARTNERKEY" + UUID.randomUUID().toString().replace("-", "");
        partnerKeys.add(key);
        return key;
    }

    private void seedAccountAndPushedCount(PartnerId partner) {
        stores.journal().record(TestEvents.upsert("e-" + UUID.randomUUID(), partner, "acct-1", "Fabrikam", 1));
        stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "Fabrikam", Optional.empty());
        stores.accounts().recordMapped(partner, AccountId.of("acct-1"), true);
        stores.journal().record(TestEvents.set("e-" + UUID.randomUUID(), partner, "acct-1", "backup-server", "5", 2));
        stores.ledger().recordPushResult(new UsageRowKey(partner, AccountId.of("acct-1"),
                        io.gradientconnector.domain.ServiceKey.of("backup-server")), 1, Quantity.of("5"),
                PushState.PUSHED, Optional.empty(), clock.instant());
    }

    private static String gradientStatus(String integrationId) {
        for (JsonNode vendor : control.state().path("vendors")) {
            for (JsonNode integration : vendor.path("integrations")) {
                if (integrationId.equals(integration.path("integrationId").asText())) {
                    return integration.path("status").asText();
                }
            }
        }
        throw new AssertionError("no integration " + integrationId + " in the sandbox");
    }

    /** Every message on the sync queue now, removed from it. */
    private static List<SyncRequest> drainQueue() {
        List<SyncRequest> drained = new ArrayList<>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(ReceiveMessageRequest.builder().queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0).build()).messages();
            if (batch.isEmpty()) {
                return drained;
            }
            for (Message message : batch) {
                drained.add(QueueMessages.parseSyncRequest(message.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private void assertNothingStored(String partnerId) {
        PartnerId partner = PartnerId.of(partnerId);
        assertTrue(vault.partnerKey(partner).isEmpty(), "no key stored");
        assertTrue(stores.partners().get(partner).isEmpty(), "no partner record");
        assertEquals(List.of(), drainQueue(), "no sync queued");
    }
}
