package io.gradientconnector.app.sync;

import io.gradientconnector.lambda.ServiceCatalogFile;

import io.gradientconnector.testing.InMemoryStores;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.ScriptedFault;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.app.sync.SyncSandbox.TestPartner;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import io.gradientconnector.app.usage.PushReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gradientconnector.observability.JsonLog;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PartnerSync} with in-memory stores and a real client against the in-process Gradient sandbox. */
class PartnerSyncIT {
    private static SyncSandbox sandbox;

    private final MutableClock clock = MutableClock.at("2025-06-01T00:00:00Z");
    private final ConnectorStores memory = InMemoryStores.create(clock, Duration.ofDays(30));
    private final CountingAccountStore accounts = new CountingAccountStore(memory.accounts());
    private final ConnectorStores stores = new ConnectorStores(memory.partners(), accounts, memory.catalog(),
            memory.ledger(), memory.journal());
    private final InMemoryKeyVault vault = InMemoryKeyVault.create();
    private final RecordingCountPusher recordingPusher = new RecordingCountPusher();
    private final ServiceCatalog catalog = ServiceCatalogFile.example();
    private GradientClient client;
    private PartnerSync sync;

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
        client = sandbox.client(Clock.systemUTC());
        sync = syncWith(recordingPusher, client);
    }

    private PartnerSync syncWith(io.gradientconnector.app.usage.CountPusher pusher, GradientClient gradient) {
        return PartnerSync.builder().stores(stores).keyVault(vault).gradient(gradient).catalog(catalog)
                .pusher(pusher).clock(clock).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    private TestPartner partnerWithAccounts(String name, int accountCount) {
        TestPartner partner = sandbox.connect(stores, vault, clock, name);
        sandbox.upsertAccounts(stores, partner.id(), accountCount, "Customer", TestEvents.t(1));
        return partner;
    }

    private SyncReport synced(TestPartner partner) {
        return assertInstanceOf(SyncOutcome.Synced.class, sync.sync(partner.id(), deadline())).report();
    }

    private Map<String, GradientAccount> gradientAccounts(TestPartner partner) {
        PartnerSession session = client.session(new GradientCredentials(SyncSandbox.VENDOR_KEY, partner.partnerKey()));
        return session.listAccounts(AccountQuery.all()).stream()
                .collect(Collectors.toMap(GradientAccount::id, Function.identity()));
    }

    private List<RecordedRequest> requestsDuring(TestPartner partner, Runnable action) {
        long since = sandbox.lastSeq();
        action.run();
        return sandbox.requestsOf(partner.integrationId(), since);
    }

    private static long count(List<RecordedRequest> requests, String method, String pathSuffix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    @Test
    void sync_shouldCreateServicesAndAccountsInBulkChunks_whenFirstSyncOfThousandAccounts() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1000);

        List<RecordedRequest> requests = requestsDuring(partner, () -> {
            SyncReport report = synced(partner);
            assertEquals(1000, report.accountsCreated());
            assertEquals(catalog.services().size(), report.servicesCreated());
            assertEquals(1000, report.accountsUnmapped());
            assertTrue(report.statusSetPending());
            assertEquals(IntegrationStatus.PENDING, report.gradientStatus());
        });

        assertEquals(10, count(requests, "POST", "/organization/accounts"));
        assertTrue(requests.stream().allMatch(r -> r.status() >= 200 && r.status() < 300), requests::toString);
        Map<String, GradientAccount> inGradient = gradientAccounts(partner);
        assertEquals(1000, inGradient.size());
        assertEquals("Customer 7", inGradient.get("acct-0007").name());
        AccountRecord stored = stores.accounts().get(partner.id(), AccountId.of("acct-0007")).orElseThrow();
        assertEquals(GradientAccountState.CREATED, stored.gradientState());
        assertEquals(Optional.of("Customer 7"), stored.gradientName());
        catalog.services().forEach(s -> assertTrue(stores.catalog().gradientServiceId(s.key()).isPresent()));
        PartnerRecord record = stores.partners().get(partner.id()).orElseThrow();
        assertEquals(Optional.of("pending"), record.gradientStatus());
        assertEquals(Optional.of("Contoso MSP"), record.organizationName());
        assertEquals(Optional.of(clock.instant()), record.lastSyncAt());
        assertEquals(Optional.empty(), record.lastError());
    }

    @Test
    void sync_shouldMakeTheSameSmallNumberOfRequestsAndNoWrites_whenPartnerUnchanged() {
        TestPartner small = partnerWithAccounts("Small MSP", 10);
        TestPartner large = partnerWithAccounts("Large MSP", 1000);
        synced(small);
        synced(large);
        int writesAfterFirstSyncs = accounts.writes();

        List<RecordedRequest> smallRequests = requestsDuring(small, () -> synced(small));
        List<RecordedRequest> largeRequests = requestsDuring(large, () -> synced(large));

        assertTrue(largeRequests.size() <= 3, largeRequests::toString);
        assertEquals(smallRequests.size(), largeRequests.size());
        assertEquals(List.of("GET", "GET"), largeRequests.stream().map(RecordedRequest::method).toList());
        assertEquals(writesAfterFirstSyncs, accounts.writes());
        assertTrue(recordingPusher.calls().isEmpty());
    }

    @Test
    void sync_shouldUpdateTheAccountInGradient_whenVendorRenamedIt() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 3);
        synced(partner);
        sandbox.upsertAccount(stores, partner.id(), "acct-0001", "Customer One Renamed", TestEvents.t(2));

        List<RecordedRequest> requests = requestsDuring(partner, () -> assertEquals(1, synced(partner).accountsRenamed()));

        assertEquals(1, count(requests, "PATCH", "/organization/accounts/acct-0001"));
        assertEquals(0, count(requests, "POST", "/organization/accounts"));
        assertEquals("Customer One Renamed", gradientAccounts(partner).get("acct-0001").name());
        assertEquals(Optional.of("Customer One Renamed"),
                stores.accounts().get(partner.id(), AccountId.of("acct-0001")).orElseThrow().gradientName());
    }

    @Test
    void sync_shouldRecreateEveryAccountAndSetPending_whenPartnerDisconnectedUpstream() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 250);
        sandbox.upsertAccount(stores, partner.id(), "acct-gone", "Deleted later", TestEvents.t(1));
        stores.journal().record(TestEvents.delete("del-1", partner.id(), "acct-gone", 2));
        synced(partner);
        sandbox.control().mapAccount(partner.integrationId(), "acct-0003");
        synced(partner);
        assertTrue(stores.accounts().get(partner.id(), AccountId.of("acct-0003")).orElseThrow().mapped());
        sandbox.control().disconnect(partner.integrationId());
        assertTrue(gradientAccounts(partner).isEmpty());

        SyncReport report = synced(partner);

        assertTrue(report.recreated());
        assertEquals(250, report.accountsCreated());
        assertTrue(report.statusSetPending());
        Map<String, GradientAccount> inGradient = gradientAccounts(partner);
        assertEquals(250, inGradient.size());
        assertFalse(inGradient.containsKey("acct-gone"));
        assertFalse(stores.accounts().get(partner.id(), AccountId.of("acct-0003")).orElseThrow().mapped());
    }

    @Test
    void sync_shouldForgetPushedRows_whenAccountsWereRecreated() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 2);
        stores.journal().record(TestEvents.set("u-1", partner.id(), "acct-0000", "backup-server", "5", 3));
        UsageRowKey row = new UsageRowKey(partner.id(), AccountId.of("acct-0000"), ServiceKey.of("backup-server"));
        synced(partner);
        long version = stores.ledger().get(row).orElseThrow().version();
        stores.ledger().recordPushResult(row, version, io.gradientconnector.domain.Quantity.of(5),
                io.gradientconnector.domain.PushState.PUSHED, Optional.empty(), clock.instant());
        sandbox.control().disconnect(partner.integrationId());

        synced(partner);

        LedgerRow after = stores.ledger().get(row).orElseThrow();
        assertTrue(after.needsPush());
        assertEquals(List.of(row), recordingPusher.calls().get(recordingPusher.calls().size() - 1).rows());
    }

    @Test
    void sync_shouldPushTheCounts_whenAnUnmappedAccountIsMappedLater() {
        JsonLog log = JsonLog.builder().function("test").out(new PrintStream(OutputStream.nullOutputStream())).clock(clock)
                .build();
        sync = syncWith(SyncSandbox.pusher(stores, vault, client, clock, log), client);
        TestPartner partner = partnerWithAccounts("Contoso MSP", 2);
        stores.journal().record(TestEvents.set("u-1", partner.id(), "acct-0001", "backup-server", "12", 3));
        UsageRowKey row = new UsageRowKey(partner.id(), AccountId.of("acct-0001"), ServiceKey.of("backup-server"));
        SyncReport first = synced(partner);
        assertEquals(1, first.pushes().unmapped());
        assertEquals(PushState.UNMAPPED, stores.ledger().get(row).orElseThrow().pushState());

        List<RecordedRequest> stillUnmapped = requestsDuring(partner, () -> synced(partner));
        assertEquals(0, count(stillUnmapped, "POST", "/count"), "an unmapped account's rows are not pushed again");

        sandbox.control().mapAccount(partner.integrationId(), "acct-0001");
        sandbox.control().mapService(partner.integrationId(),
                stores.catalog().gradientServiceId(ServiceKey.of("backup-server")).orElseThrow());
        SyncReport mapped = synced(partner);

        assertEquals(1, mapped.pushes().pushed());
        assertEquals(PushState.PUSHED, stores.ledger().get(row).orElseThrow().pushState());
        List<UnitCount> counts = sandbox.control().counts();
        assertEquals(1, counts.size());
        assertEquals("acct-0001", counts.get(0).accountId());
        assertEquals(0, new BigDecimal("12").compareTo(counts.get(0).unitCount()));
        assertEquals(1, mapped.accountsMapped());
    }

    @Test
    void sync_shouldMarkThePartnerNeedingAKeyAndStop_whenGradientRejectsTheKey() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 3);
        synced(partner);
        sandbox.control().regenerateKey(partner.integrationId(), "pk-regenerated-" + partner.id());

        SyncOutcome outcome = sync.sync(partner.id(), deadline());

        assertEquals(new SyncOutcome.NeedsKey(true), outcome);
        PartnerRecord record = stores.partners().get(partner.id()).orElseThrow();
        assertEquals(PartnerStatus.NEEDS_KEY, record.status());
        assertTrue(record.lastError().orElseThrow().contains("401"));
        long since = sandbox.lastSeq();
        assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(partner.id(), deadline()));
        assertEquals(List.of(), sandbox.control().requests(since));
    }

    @Test
    void sync_shouldCallNothingAndRetry_whenTheRecordNamesAKeyTheVaultDoesNotHoldYet() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1);
        PartnerRecord current = stores.partners().get(partner.id()).orElseThrow();
        stores.partners().save(current.toBuilder().keyFingerprint(Secret.of("a-newer-key").fingerprint()).build());
        sandbox.control().regenerateKey(partner.integrationId(), "pk-regenerated-" + partner.id());
        long since = sandbox.lastSeq();

        SyncOutcome outcome = sync.sync(partner.id(), deadline());

        assertEquals(new SyncOutcome.Failed("the partner's current key could not be read yet", true), outcome);
        assertEquals(List.of(), sandbox.control().requests(since), "no call with a key the record does not name");
        assertEquals(PartnerStatus.PENDING, stores.partners().get(partner.id()).orElseThrow().status());
    }

    @Test
    void sync_shouldFailRetryablyAndRecordTheReason_whenGradientKeepsAnswering5xx() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1);
        sandbox.control().faults(FaultPlan.builder()
                .next(ScriptedFault.serverError(503), ScriptedFault.serverError(503)).build());

        SyncOutcome outcome = sync.sync(partner.id(), deadline());

        SyncOutcome.Failed failed = assertInstanceOf(SyncOutcome.Failed.class, outcome);
        assertTrue(failed.retryable());
        assertTrue(failed.reason().contains("503"), failed.reason());
        assertFalse(failed.reason().contains(partner.partnerKey()));
        assertEquals(Optional.of(failed.reason()), stores.partners().get(partner.id()).orElseThrow().lastError());
        assertEquals(PartnerStatus.PENDING, stores.partners().get(partner.id()).orElseThrow().status());
    }

    @Test
    void sync_shouldSucceed_whenGradientRecoversWithinTheClientsRetries() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1);
        sandbox.control().faults(FaultPlan.builder().next(ScriptedFault.rateLimited(0)).build());

        assertEquals(1, synced(partner).accountsCreated());
    }

    @Test
    void sync_shouldCreateOnlyTheAccountsStillMissing_whenACreateConflicts() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 150);
        PartnerSession direct = client.session(new GradientCredentials(SyncSandbox.VENDOR_KEY, partner.partnerKey()));
        direct.createAccounts(List.of(io.gradientconnector.port.gradient.NewAccount.of("acct-0120", "Customer 120")));
        sandbox.control().mapAccount(partner.integrationId(), "acct-0120");
        try (StaleListingProxy proxy = new StaleListingProxy(URI.create(sandbox.baseUrl()))) {
            GradientClient viaProxy = GradientClient.builder().baseUri(proxy.baseUrl()).sleeper(d -> { })
                    .options(client.options()).build();
            sync = syncWith(recordingPusher, viaProxy);
            proxy.staleListings(1);

            List<RecordedRequest> requests = requestsDuring(partner, () -> {
                SyncReport report = synced(partner);
                assertEquals(149, report.accountsCreated());
                assertEquals(1, report.accountsMapped());
            });

            assertEquals(1, requests.stream().filter(r -> r.status() == 409).count());
        }
        assertEquals(150, gradientAccounts(partner).size());
        assertTrue(stores.accounts().get(partner.id(), AccountId.of("acct-0120")).orElseThrow().mapped());
    }

    @Test
    void sync_shouldReuseStoredServiceIds_whenAnotherPartnerSyncs() {
        TestPartner first = partnerWithAccounts("First MSP", 1);
        TestPartner second = partnerWithAccounts("Second MSP", 1);
        synced(first);

        List<RecordedRequest> requests = requestsDuring(second, () -> assertEquals(0, synced(second).servicesCreated()));

        assertEquals(0, count(requests, "GET", "/vendor-api"));
        assertEquals(0, count(requests, "POST", "/vendor-api/service"));
    }

    @Test
    void sync_shouldAdoptExistingSkusByName_whenTheCatalogStoreIsEmpty() {
        TestPartner first = partnerWithAccounts("First MSP", 1);
        synced(first);
        Map<ServiceKey, String> ids = stores.catalog().all();
        ConnectorStores fresh = InMemoryStores.create(clock, Duration.ofDays(30));
        TestPartner second = sandbox.connect(fresh, vault, clock, "Second MSP");
        PartnerSync other = PartnerSync.builder().stores(fresh).keyVault(vault).gradient(client).catalog(catalog)
                .pusher(recordingPusher).clock(clock).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();

        SyncReport report = assertInstanceOf(SyncOutcome.Synced.class, other.sync(second.id(), deadline())).report();

        assertEquals(0, report.servicesCreated());
        assertEquals(ids, fresh.catalog().all());
    }

    @Test
    void sync_shouldRepushFailedAndNeverPushedRowsOfMappedAccounts_whenSyncing() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 2);
        synced(partner);
        stores.journal().record(TestEvents.set("u-1", partner.id(), "acct-0000", "backup-server", "1", 3));
        stores.journal().record(TestEvents.set("u-2", partner.id(), "acct-0001", "backup-server", "2", 3));
        UsageRowKey failedRow = new UsageRowKey(partner.id(), AccountId.of("acct-0001"), ServiceKey.of("backup-server"));
        stores.ledger().recordPushResult(failedRow, 1, io.gradientconnector.domain.Quantity.of(2),
                io.gradientconnector.domain.PushState.FAILED, Optional.of("boom"), clock.instant());
        recordingPusher.answer(new PushReport(2, 0, 0, 0, false, List.of()));

        SyncReport report = synced(partner);

        RecordingCountPusher.Call call = recordingPusher.calls().get(0);
        assertEquals(partner.id(), call.partnerId());
        assertEquals(2, call.rows().size());
        assertTrue(call.rows().contains(failedRow));
        assertEquals(2, report.pushes().pushed());
    }

    @Test
    void sync_shouldReportNeedsKey_whenThePusherMetA401() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1);
        stores.journal().record(TestEvents.set("u-1", partner.id(), "acct-0000", "backup-server", "1", 3));
        recordingPusher.answer(new PushReport(0, 0, 0, 0, true, List.of()));

        assertEquals(new SyncOutcome.NeedsKey(true), sync.sync(partner.id(), deadline()));
    }

    @Test
    void sync_shouldSkipWithoutCallingGradient_whenThePartnerIsUnknownOrDisconnected() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1);
        stores.partners().markDisconnected(partner.id(), clock.instant());
        long since = sandbox.lastSeq();

        assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(partner.id(), deadline()));
        assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(PartnerId.of("nobody"), deadline()));
        assertEquals(List.of(), sandbox.control().requests(since));
    }

    @Test
    void sync_shouldNeverSetPending_whenTheIntegrationIsActive() {
        String partnerKey = "pk-active";
        String integrationId = sandbox.control().createPartner(SyncSandbox.VENDOR_KEY, partnerKey, "Active MSP", "active",
                List.of()).integrationId();
        PartnerId id = PartnerId.of("msp-active");
        vault.putPartnerKey(id, Secret.of(partnerKey));
        stores.partners().save(PartnerRecord.builder(id, clock.instant()).status(PartnerStatus.PENDING)
                .keyFingerprint(Secret.of(partnerKey).fingerprint()).build());
        TestPartner partner = new TestPartner(id, partnerKey, integrationId);

        List<RecordedRequest> requests = requestsDuring(partner, () -> {
            SyncReport report = synced(partner);
            assertFalse(report.statusSetPending());
            assertEquals(IntegrationStatus.ACTIVE, report.gradientStatus());
        });

        assertEquals(0, count(requests, "PATCH", "/status/pending"));
        assertEquals(PartnerStatus.ACTIVE, stores.partners().get(id).orElseThrow().status());
    }

    @Test
    void sync_shouldFailRetryably_whenSomeRowsCouldNotBePushedYet() {
        TestPartner partner = partnerWithAccounts("Contoso MSP", 1);
        stores.journal().record(TestEvents.set("u-1", partner.id(), "acct-0000", "backup-server", "1", 3));
        UsageRowKey row = new UsageRowKey(partner.id(), AccountId.of("acct-0000"), ServiceKey.of("backup-server"));
        recordingPusher.answer(new PushReport(0, 0, 0, 0, false, List.of(row)));

        SyncOutcome.Failed failed = assertInstanceOf(SyncOutcome.Failed.class, sync.sync(partner.id(), deadline()));

        assertTrue(failed.retryable());
        assertTrue(failed.reason().startsWith("1 ledger rows"), failed.reason());
        assertEquals(GradientAccountState.CREATED,
                stores.accounts().get(partner.id(), AccountId.of("acct-0000")).orElseThrow().gradientState());
    }
}
