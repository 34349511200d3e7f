package io.gradientconnector.accountsync;

import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.ServiceKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.testing.InMemoryStores;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.ScriptedFault;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.app.sync.PartnerSync;
import io.gradientconnector.app.sync.SyncSandbox;
import io.gradientconnector.app.sync.SyncSandbox.TestPartner;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker handler over in-memory stores and the in-process sandbox, replaying the event files. */
class SyncWorkerHandlerTest {
    private static SyncSandbox sandbox;

    private final MutableClock clock = MutableClock.at("2025-06-01T10:00:00Z");
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final InMemoryKeyVault vault = InMemoryKeyVault.create();
    private final CapturedOutput output = new CapturedOutput(SyncWorkerHandler.FUNCTION, clock);
    private SyncWorkerHandler handler;
    private GradientClient client;

    @BeforeAll
    static void startSandbox() {
        sandbox = SyncSandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        sandbox.reset();
        vault.setVendorKey(SyncSandbox.vendorKey());
        // The handler derives the deadline from its clock, so the client must read the same one.
        client = sandbox.client(clock);
        PartnerSync sync = PartnerSync.builder().stores(stores).keyVault(vault).gradient(client)
                .catalog(ServiceCatalogFile.example())
                .pusher(SyncSandbox.pusher(stores, vault, client, clock, output.log)).clock(clock).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();
        handler = new SyncWorkerHandler(sync, output.log, output.metrics, clock);
    }

    @AfterEach
    void noKeyLogged() {
        assertFalse(output.text().contains("pk-"), output.text());
        assertFalse(output.text().contains(SyncSandbox.VENDOR_KEY), output.text());
    }

    private TestPartner partner(String id, int accounts) {
        TestPartner partner = sandbox.connect(stores, vault, clock, "MSP " + id, PartnerId.of(id));
        sandbox.upsertAccounts(stores, partner.id(), accounts, "Customer", TestEvents.t(1));
        return partner;
    }

    private static String body(String partnerId) {
        return "{\"partnerId\":\"" + partnerId + "\",\"reason\":\"manual\"}";
    }

    @Test
    void handleRequest_shouldSyncThePartnerAndAckTheMessage_whenReplayingTheRecordedEvent() {
        TestPartner partner = partner("msp-contoso", 5);

        SQSBatchResponse response = handler.handleRequest(EventFiles.sqs("sync-message.json"), new FakeLambdaContext(300_000));

        assertEquals(List.of(), response.getBatchItemFailures(), output::text);
        assertEquals(5, client.session(new GradientCredentials(SyncSandbox.VENDOR_KEY, partner.partnerKey()))
                .listAccounts(AccountQuery.all()).size());
        assertTrue(output.text().contains("\"message\":\"account sync done\""), output.text());
        assertTrue(output.text().contains("\"partnerId\":\"msp-contoso\""), output.text());
        assertTrue(output.text().contains("\"accountsCreated\":5"), output.text());
    }

    @Test
    void handleRequest_shouldSyncTheKeySubmittedMessage_whenReplayingIt() {
        partner("msp-contoso", 1);

        SQSBatchResponse response = handler.handleRequest(EventFiles.sqs("sync-message-key-submitted.json"),
                new FakeLambdaContext(300_000));

        assertEquals(List.of(), response.getBatchItemFailures(), output::text);
        assertTrue(output.text().contains("\"syncReason\":\"key-submitted\""), output.text());
    }

    @Test
    void handleRequest_shouldReportOnlyTheFailedPartner_whenOnePartnersSyncFails() {
        partner("msp-failing", 2);
        partner("msp-healthy", 2);
        // The failing partner goes first and its two attempts at GET organization both get 503.
        sandbox.control().faults(FaultPlan.builder()
                .next(ScriptedFault.serverError(503), ScriptedFault.serverError(503)).build());

        SQSBatchResponse response = handler.handleRequest(EventFiles.event(List.of(
                EventFiles.message("m-failing", body("msp-failing"), Map.of("ApproximateReceiveCount", "3")),
                EventFiles.message("m-healthy", body("msp-healthy"), Map.of()))), new FakeLambdaContext(300_000));

        assertEquals(List.of("m-failing"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertTrue(stores.partners().get(PartnerId.of("msp-healthy")).orElseThrow().lastSyncAt().isPresent());
        String failure = output.lines().stream().filter(l -> l.contains("\"partnerId\":\"msp-failing\"")).findFirst()
                .orElseThrow();
        assertTrue(failure.contains("\"level\":\"ERROR\"") && failure.contains("503")
                && failure.contains("\"receiveCount\":\"3\""), failure);
    }

    @Test
    void handleRequest_shouldAckTheMessageAndMarkThePartner_whenGradientRejectsTheKey() {
        TestPartner partner = partner("msp-contoso", 1);
        sandbox.control().regenerateKey(partner.integrationId(), "pk-regenerated");

        SQSBatchResponse response = handler.handleRequest(EventFiles.sqs("sync-message.json"), new FakeLambdaContext(300_000));

        assertEquals(List.of(), response.getBatchItemFailures(), output::text);
        assertEquals(PartnerStatus.NEEDS_KEY, stores.partners().get(partner.id()).orElseThrow().status());
        assertTrue(output.text().contains("\"level\":\"WARN\""), output.text());
    }

    @Test
    void handleRequest_shouldReportTheMessage_whenTheBodyIsNotASyncRequest() {
        SQSBatchResponse response = handler.handleRequest(EventFiles.event(List.of(
                EventFiles.message("m-bad", "{\"partnerId\":\"../other\",\"reason\":\"schedule\"}", Map.of()))),
                new FakeLambdaContext(300_000));

        assertEquals("m-bad", response.getBatchItemFailures().get(0).getItemIdentifier());
        assertTrue(output.text().contains("malformed sync message"), output.text());
    }

    @Test
    void handleRequest_shouldAckTheMessage_whenThePartnerIsUnknown() {
        SQSBatchResponse response = handler.handleRequest(EventFiles.sqs("sync-message.json"), new FakeLambdaContext(300_000));

        assertEquals(List.of(), response.getBatchItemFailures(), output::text);
        assertTrue(output.text().contains("account sync skipped"), output.text());
    }

    @Test
    void handleRequest_shouldCountEachRePushOnce_whenThePusherSharesTheFunctionsMetrics() throws Exception {
        // Wired as Components wires it: the re-push's UsagePushService records into the handler's Metrics.
        PartnerSync sync = PartnerSync.builder().stores(stores).keyVault(vault).gradient(client)
                .catalog(ServiceCatalogFile.example())
                .pusher(UsagePushService.builder().partners(stores.partners()).ledger(stores.ledger())
                        .catalog(stores.catalog()).keyVault(vault).gradient(client).clock(clock)
                        .mode(PushMode.ABSOLUTE).log(output.log).metrics(output.metrics).build())
                .clock(clock).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();
        SyncWorkerHandler wired = new SyncWorkerHandler(sync, output.log, output.metrics, clock);
        TestPartner partner = partner("msp-contoso", 1);
        stores.journal().record(TestEvents.set("u-1", partner.id(), SyncSandbox.accountId(0), "backup-server", "7", 2));

        // First sync: account and service created in Gradient, neither mapped yet, so the re-push is unmapped.
        wired.handleRequest(EventFiles.sqs("sync-message.json"), new FakeLambdaContext(300_000));
        assertEquals(Map.of("unmapped", 1.0), emfSums("pushes", "unmapped"), output::text);

        // The MSP maps both; the next sync re-pushes the row once.
        sandbox.control().mapAccount(partner.integrationId(), SyncSandbox.accountId(0));
        sandbox.control().mapService(partner.integrationId(),
                stores.catalog().gradientServiceId(ServiceKey.of("backup-server")).orElseThrow());
        wired.handleRequest(EventFiles.sqs("sync-message.json"), new FakeLambdaContext(300_000));
        assertEquals(Map.of("unmapped", 1.0, "pushes", 1.0), emfSums("pushes", "unmapped"), output::text);
    }

    /** The sum of each named metric over every EMF document written so far (absent when never written). */
    private Map<String, Double> emfSums(String... names) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Double> sums = new java.util.TreeMap<>();
        for (String line : output.lines()) {
            JsonNode doc = json.readTree(line);
            if (!doc.has("_aws")) {
                continue;
            }
            for (String name : names) {
                if (doc.has(name)) {
                    sums.merge(name, doc.get(name).asDouble(), Double::sum);
                }
            }
        }
        return sums;
    }
}
