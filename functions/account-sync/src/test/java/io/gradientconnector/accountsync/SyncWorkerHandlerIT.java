package io.gradientconnector.accountsync;

import io.gradientconnector.lambda.ServiceCatalogFile;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.adapter.sqs.SqsSyncQueue;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.ScriptedFault;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.adapter.dynamodb.AccountSeeding;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.app.sync.PartnerSync;
import io.gradientconnector.app.sync.SyncSandbox;
import io.gradientconnector.app.sync.SyncSandbox.TestPartner;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance list: the worker handler on DynamoDB, SQS (with its dead-letter queue) and
 * Secrets Manager in the AWS emulator, talking to the Gradient sandbox over real HTTP.
 */
class SyncWorkerHandlerIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static SyncSandbox sandbox;
    private static Components components;
    private static AwsEmulator.TestQueue queue;
    private static final Clock CLOCK = Clock.systemUTC();
    private static final CapturedOutput OUTPUT = new CapturedOutput(SyncWorkerHandler.FUNCTION, CLOCK);

    private ConnectorStores stores;
    private GradientClient client;
    private SyncWorkerHandler handler;
    private SqsPoller poller;

    @BeforeAll
    static void setUpEnvironment() {
        sandbox = SyncSandbox.start();
        queue = AWS.createQueueWithDlq("sync");
        String vendorSecret = AWS.createSecret(AwsEmulator.uniqueName("vendor-key"), SyncSandbox.VENDOR_KEY);
        components = Components.create(AWS.environment(Map.of(
                "TABLE_NAME", AWS.createTable(),
                "SYNC_QUEUE_URL", queue.url(),
                "VENDOR_KEY_SECRET_ID", vendorSecret,
                "PARTNER_SECRET_PREFIX", AwsEmulator.uniqueName("partners") + "/",
                "SECRETS_CACHE_TTL_SECONDS", "0",
                "GRADIENT_BASE_URL", sandbox.baseUrl(),
                "GRADIENT_RATE_LIMIT_PER_SECOND", "10000")), SyncWorkerHandler.FUNCTION, CLOCK, OUTPUT.stream());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        stores = components.stores();
        client = sandbox.client(CLOCK); // no real waiting between the client's retries
        PartnerSync sync = PartnerSync.builder().stores(stores).keyVault(components.keyVault()).gradient(client)
                .catalog(ServiceCatalogFile.example())
                .pusher(SyncSandbox.pusher(stores, components.keyVault(), client, CLOCK, OUTPUT.log)).clock(CLOCK).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();
        handler = new SyncWorkerHandler(sync, OUTPUT.log, OUTPUT.metrics, CLOCK);
        poller = new SqsPoller(AWS.sqs(), queue.url());
        SqsPoller.drain(AWS.sqs(), queue.url());
    }

    @AfterEach
    void clearFaultsAndCheckLogs() {
        sandbox.control().clearFaults();
        assertFalse(OUTPUT.text().contains("pk-"), "a partner key reached the log");
        assertFalse(OUTPUT.text().contains(SyncSandbox.VENDOR_KEY), "the vendor key reached the log");
    }

    private TestPartner partner(String name, int accounts) {
        TestPartner partner = sandbox.connect(stores, components.keyVault(), CLOCK, name);
        seed(partner, accounts);
        return partner;
    }

    /** Accounts {@code acct-0000}… named "Customer n", stored as the journal stores an upsert (fast on moto). */
    private static void seed(TestPartner partner, int accounts) {
        for (int i = 0; i < accounts; i++) {
            AccountSeeding.putNew(AWS.dynamoDb(), components.config().tableName(), partner.id(),
                    AccountId.of(SyncSandbox.accountId(i)), "Customer " + i, EventId.of("seed-" + partner.id() + "-" + i),
                    TestEvents.t(1));
        }
    }

    private void enqueue(TestPartner... partners) {
        SqsSyncQueue syncQueue = new SqsSyncQueue(AWS.sqs(), queue.url());
        for (TestPartner partner : partners) {
            syncQueue.enqueue(new SyncRequest(partner.id(), SyncReason.MANUAL));
        }
    }

    /** Queues a sync of {@code partner}, delivers it, and returns the Gradient requests it made. */
    private List<RecordedRequest> syncThroughTheQueue(TestPartner partner) {
        enqueue(partner);
        long since = sandbox.lastSeq();
        SQSBatchResponse response = poller.deliver(event -> handler.handleRequest(event, new FakeLambdaContext(300_000)));
        assertEquals(List.of(), response.getBatchItemFailures(), OUTPUT::text);
        return sandbox.requestsOf(partner.integrationId(), since);
    }

    private Map<String, GradientAccount> gradientAccounts(TestPartner partner) {
        return client.session(new GradientCredentials(SyncSandbox.VENDOR_KEY, partner.partnerKey()))
                .listAccounts(AccountQuery.all()).stream()
                .collect(java.util.stream.Collectors.toMap(GradientAccount::id, a -> a));
    }

    private List<AccountRecord> storedAccounts(TestPartner partner) {
        return stores.accounts().list(partner.id(), Optional.empty(), Page.MAX_LIMIT).items();
    }

    private static long count(List<RecordedRequest> requests, String method, String pathSuffix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    @Test
    void firstSync_shouldCreateAThousandAccountsInChunks_andTheNextSyncShouldCostConstantRequests() {
        TestPartner partner = partner("Thousand MSP", 1000);

        List<RecordedRequest> first = syncThroughTheQueue(partner);

        assertEquals(10, count(first, "POST", "/organization/accounts"));
        assertTrue(first.stream().allMatch(r -> r.status() >= 200 && r.status() < 300), first::toString);
        assertEquals(1000, gradientAccounts(partner).size());
        List<AccountRecord> stored = storedAccounts(partner);
        assertEquals(1000, stored.size());
        assertTrue(stored.stream().allMatch(a -> a.gradientState() == GradientAccountState.CREATED));
        assertEquals(Optional.of("pending"), stores.partners().get(partner.id()).orElseThrow().gradientStatus());

        List<RecordedRequest> second = syncThroughTheQueue(partner);

        assertEquals(List.of("GET", "GET"), second.stream().map(RecordedRequest::method).toList());
    }

    @Test
    void sync_shouldRenameTheAccountInGradient_whenTheVendorRenamedIt() {
        TestPartner partner = partner("Rename MSP", 3);
        syncThroughTheQueue(partner);
        sandbox.upsertAccount(stores, partner.id(), "acct-0002", "Customer Two (renamed)", TestEvents.t(5));

        List<RecordedRequest> requests = syncThroughTheQueue(partner);

        assertEquals(1, count(requests, "PATCH", "/organization/accounts/acct-0002"));
        assertEquals("Customer Two (renamed)", gradientAccounts(partner).get("acct-0002").name());
        assertEquals(Optional.of("Customer Two (renamed)"),
                stores.accounts().get(partner.id(), AccountId.of("acct-0002")).orElseThrow().gradientName());
    }

    @Test
    void sync_shouldRecreateEveryAccount_whenThePartnerDisconnectedUpstream() {
        TestPartner partner = partner("Disconnect MSP", 120);
        syncThroughTheQueue(partner);
        sandbox.control().disconnect(partner.integrationId());
        assertTrue(gradientAccounts(partner).isEmpty());

        List<RecordedRequest> requests = syncThroughTheQueue(partner);

        assertEquals(2, count(requests, "POST", "/organization/accounts"));
        assertEquals(1, count(requests, "PATCH", "/organization/status/pending"));
        assertEquals(120, gradientAccounts(partner).size());
    }

    @Test
    void sync_shouldPushTheCounts_whenAnUnmappedAccountIsMappedBeforeTheNextSync() {
        TestPartner partner = partner("Mapping MSP", 2);
        stores.journal().record(TestEvents.set("usage-" + partner.id(), partner.id(), "acct-0001", "edr-endpoint", "7", 3));
        UsageRowKey row = new UsageRowKey(partner.id(), AccountId.of("acct-0001"), ServiceKey.of("edr-endpoint"));
        syncThroughTheQueue(partner);
        assertEquals(PushState.UNMAPPED, stores.ledger().get(row).orElseThrow().pushState());
        assertTrue(sandbox.control().counts().stream().noneMatch(c -> c.integrationId().equals(partner.integrationId())));

        sandbox.control().mapAccount(partner.integrationId(), "acct-0001");
        sandbox.control().mapService(partner.integrationId(),
                stores.catalog().gradientServiceId(ServiceKey.of("edr-endpoint")).orElseThrow());
        syncThroughTheQueue(partner);

        List<UnitCount> counts = sandbox.control().counts().stream()
                .filter(c -> c.integrationId().equals(partner.integrationId())).toList();
        assertEquals(1, counts.size());
        assertEquals(0, new BigDecimal("7").compareTo(counts.get(0).unitCount()));
        assertEquals(PushState.PUSHED, stores.ledger().get(row).orElseThrow().pushState());
        assertTrue(stores.accounts().get(partner.id(), AccountId.of("acct-0001")).orElseThrow().mapped());
    }

    @Test
    void sync_shouldMarkThePartnerNeedingAKeyAndMakeNoFurtherCalls_whenGradientAnswers401() {
        TestPartner partner = partner("Regenerated MSP", 2);
        syncThroughTheQueue(partner);
        sandbox.control().regenerateKey(partner.integrationId(), "pk-new-" + partner.id());

        syncThroughTheQueue(partner); // acked: a 401 is finished, not retried

        assertEquals(PartnerStatus.NEEDS_KEY, stores.partners().get(partner.id()).orElseThrow().status());
        long since = sandbox.lastSeq();
        syncThroughTheQueue(partner);
        assertEquals(List.of(), sandbox.control().requests(since));
    }

    @Test
    void sync_shouldIsolateAFailingPartner_andMoveItsMessageToTheDeadLetterQueue() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        // The poller orders a batch by body, so "msp-a-…" is handled before "msp-b-…".
        TestPartner failing = sandbox.connect(stores, components.keyVault(), CLOCK, "Failing MSP",
                PartnerId.of("msp-a-failing-" + suffix));
        TestPartner healthy = sandbox.connect(stores, components.keyVault(), CLOCK, "Healthy MSP",
                PartnerId.of("msp-b-healthy-" + suffix));
        seed(failing, 3);
        seed(healthy, 3);
        enqueue(healthy, failing);

        List<List<String>> failedPerDelivery = new java.util.ArrayList<>();
        for (int delivery = 1; delivery <= 4; delivery++) {
            // Deliveries 1-3 carry the failing partner's message (receives 1-3), handled first: both
            // attempts of its first Gradient call get 503. At the 4th receive SQS has moved it away.
            sandbox.control().faults(delivery <= 3
                    ? FaultPlan.builder().next(ScriptedFault.serverError(503), ScriptedFault.serverError(503)).build()
                    : FaultPlan.none());
            SQSBatchResponse response = poller.deliver(event -> handler.handleRequest(event, new FakeLambdaContext(300_000)));
            failedPerDelivery.add(response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        }
        sandbox.control().clearFaults();

        assertEquals(List.of(1, 1, 1, 0), failedPerDelivery.stream().map(List::size).toList());
        assertEquals(3, gradientAccounts(healthy).size());
        assertTrue(stores.partners().get(healthy.id()).orElseThrow().lastError().isEmpty());
        assertTrue(stores.partners().get(healthy.id()).orElseThrow().lastSyncAt().isPresent());
        assertTrue(gradientAccounts(failing).isEmpty());
        assertTrue(stores.partners().get(failing.id()).orElseThrow().lastError().orElseThrow().contains("503"));
        assertEquals(List.of(), SqsPoller.drain(AWS.sqs(), queue.url()));
        assertEquals(List.of("{\"partnerId\":\"" + failing.id().value() + "\",\"reason\":\"manual\"}"),
                SqsPoller.drain(AWS.sqs(), queue.deadLetterUrl()));
        assertTrue(OUTPUT.lines().stream().anyMatch(l -> l.contains("\"partnerId\":\"" + failing.id().value() + "\"")
                && l.contains("\"level\":\"ERROR\"") && l.contains("503") && l.contains("\"receiveCount\":\"3\"")),
                OUTPUT::text);
    }

    @Test
    void productionWiring_shouldSyncAPartner_whenBuiltFromTheEnvironment() {
        TestPartner partner = partner("Wired MSP", 2);
        SyncWorkerHandler wired = new SyncWorkerHandler(components);
        enqueue(partner);

        SQSBatchResponse response = poller.deliver(event -> wired.handleRequest(event, new FakeLambdaContext(300_000)));

        assertEquals(List.of(), response.getBatchItemFailures(), OUTPUT::text);
        assertEquals(2, gradientAccounts(partner).size());
    }
}
