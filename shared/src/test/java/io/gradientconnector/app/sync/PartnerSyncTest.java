package io.gradientconnector.app.sync;

import io.gradientconnector.lambda.ServiceCatalogFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.app.usage.PushReport;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.gradientconnector.port.gradient.VendorSku;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sync rules with in-memory stores and an in-memory Gradient (no HTTP: a scripted failure stands for what the
 * client throws after its own retries). {@link PartnerSyncIT} runs the sync over real HTTP.
 */
class PartnerSyncTest {
    private static final String VENDOR_KEY = "vendor-key-unit";
    private static final String PARTNER_KEY = "pk-unit";
    private static final int CHUNK = 100;

    private final MutableClock clock = MutableClock.at("2025-06-01T00:00:00Z");
    private final ConnectorStores memory = InMemoryStores.create(clock, Duration.ofDays(30));
    private final CountingAccountStore accounts = new CountingAccountStore(memory.accounts());
    private final ConnectorStores stores = new ConnectorStores(memory.partners(), accounts, memory.catalog(),
            memory.ledger(), memory.journal());
    private final InMemoryKeyVault vault = InMemoryKeyVault.create();
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY, CHUNK);
    private final RecordingCountPusher recordingPusher = new RecordingCountPusher();
    private final ServiceCatalog catalog = ServiceCatalogFile.example();
    private final PartnerId partner = PartnerId.of("msp-unit");
    private PartnerSync sync;
    private int events;

    @BeforeEach
    void setUp() {
        vault.setVendorKey(Secret.of(VENDOR_KEY));
        sync = syncWith(gradient, recordingPusher);
    }

    private PartnerSync syncWith(Gradient on, io.gradientconnector.app.usage.CountPusher pusher) {
        return PartnerSync.builder().stores(stores).keyVault(vault).gradient(on).catalog(catalog)
                .pusher(pusher).clock(clock).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create()).build();
    }

    /** Gradient's integration is {@code status}; the connector holds the key and the partner as PENDING. */
    private void connect(PartnerId id, String partnerKey, IntegrationStatus status) {
        gradient.accept(partnerKey, "Contoso MSP", status);
        vault.putPartnerKey(id, Secret.of(partnerKey));
        stores.partners().save(PartnerRecord.builder(id, clock.instant()).status(PartnerStatus.PENDING)
                .keyFingerprint(Secret.of(partnerKey).fingerprint()).connectedAt(clock.instant()).build());
    }

    /** A connected partner whose vendor-side accounts are {@code acct-0000} … named "Customer n". */
    private void connectWithAccounts(int count) {
        connect(partner, PARTNER_KEY, IntegrationStatus.INACTIVE);
        for (int i = 0; i < count; i++) {
            upsert(accountId(i), "Customer " + i);
        }
    }

    private void upsert(String accountId, String name) {
        stores.journal().record(new VendorEvent.AccountUpserted(EventId.of("evt-" + (++events)), partner,
                TestEvents.t(events), new VendorAccount(AccountId.of(accountId), name, null)));
    }

    private static String accountId(int i) {
        return String.format("acct-%04d", i);
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    private SyncReport synced() {
        return assertInstanceOf(SyncOutcome.Synced.class, sync.sync(partner, deadline())).report();
    }

    private List<String> callsDuring(Runnable action) {
        gradient.clearCalls();
        action.run();
        return gradient.calls();
    }

    private Map<String, GradientAccount> gradientAccounts() {
        return gradient.accounts(PARTNER_KEY).stream().collect(Collectors.toMap(GradientAccount::id, Function.identity()));
    }

    private AccountRecord stored(String accountId) {
        return stores.accounts().get(partner, AccountId.of(accountId)).orElseThrow();
    }

    private UsageRowKey row(String accountId, String service) {
        return new UsageRowKey(partner, AccountId.of(accountId), ServiceKey.of(service));
    }

    @Test
    void sync_shouldSetPendingAndCreateEachServiceOnceAndTheAccountsInChunks_whenFirstSync() {
        connectWithAccounts(250);

        List<String> calls = callsDuring(() -> {
            SyncReport report = synced();
            assertEquals(250, report.accountsCreated());
            assertEquals(catalog.services().size(), report.servicesCreated());
            assertEquals(250, report.accountsUnmapped());
            assertTrue(report.statusSetPending());
            assertEquals(IntegrationStatus.PENDING, report.gradientStatus());
        });

        assertEquals(List.of("GET organization", "PATCH status pending", "GET vendor"), calls.subList(0, 3));
        assertEquals(catalog.services().size(), calls.stream().filter(c -> c.startsWith("POST service ")).count());
        assertEquals(3, calls.stream().filter(c -> c.startsWith("POST accounts ")).count());
        assertEquals(catalog.services().size(), gradient.skus().size());
        catalog.services().forEach(s -> assertTrue(stores.catalog().gradientServiceId(s.key()).isPresent()));
        assertEquals("Customer 7", gradientAccounts().get("acct-0007").name());
        assertEquals(GradientAccountState.CREATED, stored("acct-0007").gradientState());
        assertEquals(Optional.of("Customer 7"), stored("acct-0007").gradientName());
        assertEquals(IntegrationStatus.PENDING, gradient.status(PARTNER_KEY));
        PartnerRecord record = stores.partners().get(partner).orElseThrow();
        assertEquals(Optional.of("pending"), record.gradientStatus());
        assertEquals(Optional.of("Contoso MSP"), record.organizationName());
        assertEquals(Optional.of(clock.instant()), record.lastSyncAt());
        assertEquals(Optional.empty(), record.lastError());
    }

    @Test
    void sync_shouldListOnceAndWriteNothing_whenThePartnerIsUnchanged() {
        connectWithAccounts(5);
        synced();
        int writes = accounts.writes();

        List<String> calls = callsDuring(this::synced);

        assertEquals(List.of("GET organization", "GET accounts"), calls);
        assertEquals(writes, accounts.writes());
        assertTrue(recordingPusher.calls().isEmpty());
    }

    @Test
    void sync_shouldUpdateTheAccountInGradient_whenTheVendorRenamedIt() {
        connectWithAccounts(3);
        synced();
        upsert("acct-0001", "Customer One Renamed");

        List<String> calls = callsDuring(() -> assertEquals(1, synced().accountsRenamed()));

        assertEquals(List.of("GET organization", "GET accounts", "PATCH account acct-0001"), calls);
        assertEquals("Customer One Renamed", gradientAccounts().get("acct-0001").name());
        assertEquals(Optional.of("Customer One Renamed"), stored("acct-0001").gradientName());
    }

    @Test
    void sync_shouldRecordWhichAccountsTheMspMapped() {
        connectWithAccounts(2);
        synced();
        gradient.map(PARTNER_KEY, "acct-0001");

        SyncReport report = synced();

        assertEquals(1, report.accountsMapped());
        assertEquals(1, report.accountsUnmapped());
        assertTrue(stored("acct-0001").mapped());
        assertFalse(stored("acct-0000").mapped());
    }

    @Test
    void sync_shouldRecreateEveryAccountSetPendingAndForgetPushes_whenThePartnerDisconnectedUpstream() {
        connectWithAccounts(3);
        upsert("acct-gone", "Deleted later");
        stores.journal().record(TestEvents.delete("del-1", partner, "acct-gone", 100));
        stores.journal().record(TestEvents.set("u-1", partner, "acct-0000", "backup-server", "5", 101));
        UsageRowKey row = row("acct-0000", "backup-server");
        synced();
        gradient.map(PARTNER_KEY, "acct-0002");
        synced();
        assertTrue(stored("acct-0002").mapped());
        stores.ledger().recordPushResult(row, stores.ledger().get(row).orElseThrow().version(), Quantity.of(5),
                PushState.PUSHED, Optional.empty(), clock.instant());
        gradient.disconnect(PARTNER_KEY);

        SyncReport report = synced();

        assertTrue(report.recreated());
        assertEquals(3, report.accountsCreated());
        assertTrue(report.statusSetPending());
        assertEquals(3, gradientAccounts().size());
        assertFalse(gradientAccounts().containsKey("acct-gone"));
        assertFalse(stored("acct-0002").mapped());
        assertTrue(stores.ledger().get(row).orElseThrow().needsPush(), "pushed rows go back once mapped again");
        assertEquals(List.of(row), recordingPusher.calls().get(recordingPusher.calls().size() - 1).rows());
    }

    @Test
    void sync_shouldPushTheCountsOnlyOnceAnUnmappedAccountIsMapped() {
        JsonLog log = JsonLog.builder().function("test").out(new PrintStream(OutputStream.nullOutputStream()))
                .clock(clock).build();
        sync = syncWith(gradient, UsagePushService.builder().partners(stores.partners()).ledger(stores.ledger())
                .catalog(stores.catalog()).keyVault(vault).gradient(gradient).clock(clock).mode(PushMode.ABSOLUTE)
                .log(log).build());
        connectWithAccounts(2);
        stores.journal().record(TestEvents.set("u-1", partner, "acct-0001", "backup-server", "12", 3));
        UsageRowKey row = row("acct-0001", "backup-server");
        SyncReport first = synced();
        assertEquals(1, first.pushes().unmapped());
        assertEquals(PushState.UNMAPPED, stores.ledger().get(row).orElseThrow().pushState());

        List<String> stillUnmapped = callsDuring(this::synced);
        assertTrue(stillUnmapped.stream().noneMatch(c -> c.startsWith("POST count")),
                "an unmapped account's rows are not pushed again");

        gradient.map(PARTNER_KEY, "acct-0001");
        SyncReport mapped = synced();

        assertEquals(1, mapped.pushes().pushed());
        assertEquals(1, mapped.accountsMapped());
        assertEquals(PushState.PUSHED, stores.ledger().get(row).orElseThrow().pushState());
        String sku = stores.catalog().gradientServiceId(ServiceKey.of("backup-server")).orElseThrow();
        assertEquals(0, new BigDecimal("12").compareTo(gradient.count(PARTNER_KEY, sku, "acct-0001").orElseThrow()));
    }

    @Test
    void sync_shouldRepushFailedAndNeverPushedRowsOfMappedAccounts() {
        connectWithAccounts(2);
        synced();
        stores.journal().record(TestEvents.set("u-1", partner, "acct-0000", "backup-server", "1", 3));
        stores.journal().record(TestEvents.set("u-2", partner, "acct-0001", "backup-server", "2", 3));
        UsageRowKey failedRow = row("acct-0001", "backup-server");
        stores.ledger().recordPushResult(failedRow, 1, Quantity.of(2), PushState.FAILED, Optional.of("boom"),
                clock.instant());
        recordingPusher.answer(new PushReport(2, 0, 0, 0, false, List.of()));

        SyncReport report = synced();

        RecordingCountPusher.Call call = recordingPusher.calls().get(0);
        assertEquals(partner, call.partnerId());
        assertEquals(2, call.rows().size());
        assertTrue(call.rows().contains(failedRow));
        assertEquals(2, report.pushes().pushed());
    }

    @Test
    void sync_shouldMarkThePartnerNeedingAKeyAndStop_whenGradientRejectsTheKey() {
        connectWithAccounts(3);
        synced();
        gradient.regenerate(PARTNER_KEY, "pk-regenerated");

        assertEquals(new SyncOutcome.NeedsKey(true), sync.sync(partner, deadline()));

        PartnerRecord record = stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.NEEDS_KEY, record.status());
        assertTrue(record.lastError().orElseThrow().contains("401"));
        List<String> calls = callsDuring(() ->
                assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(partner, deadline())));
        assertEquals(List.of(), calls);
    }

    @Test
    void sync_shouldCallNothingAndRetry_whenTheRecordNamesAKeyTheVaultDoesNotHoldYet() {
        connectWithAccounts(1);
        PartnerRecord current = stores.partners().get(partner).orElseThrow();
        stores.partners().save(current.toBuilder().keyFingerprint(Secret.of("a-newer-key").fingerprint()).build());
        gradient.regenerate(PARTNER_KEY, "pk-regenerated");

        List<String> calls = callsDuring(() -> assertEquals(
                new SyncOutcome.Failed("the partner's current key could not be read yet", true),
                sync.sync(partner, deadline())));

        assertEquals(List.of(), calls, "the old key is never used once the record names another");
        assertEquals(PartnerStatus.PENDING, stores.partners().get(partner).orElseThrow().status());
    }

    static Stream<Arguments> failures() {
        String route = InMemoryGradient.ORGANIZATION;
        return Stream.of(
                Arguments.of(new ServerErrorException(503, route, "down"), true, "503"),
                Arguments.of(new RateLimitedException(route, "slow down", Optional.empty()), true, "429"),
                Arguments.of(new GradientConnectionException(route, "refused", true, null), true, "no response"),
                Arguments.of(new GradientConnectionException(route, "bad host", false, null), true, "no response"),
                Arguments.of(new BadRequestException(route, "bad"), false, "400"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void sync_shouldFailAndRecordTheReason_whenGradientFails(GradientException failure, boolean retryable,
                                                               String shown) {
        connectWithAccounts(1);
        gradient.failOn(InMemoryGradient.ORGANIZATION, failure);

        SyncOutcome.Failed failed = assertInstanceOf(SyncOutcome.Failed.class, sync.sync(partner, deadline()));

        assertEquals(retryable, failed.retryable());
        assertTrue(failed.reason().contains(shown), failed.reason());
        assertFalse(failed.reason().contains(PARTNER_KEY));
        PartnerRecord record = stores.partners().get(partner).orElseThrow();
        assertEquals(Optional.of(failed.reason()), record.lastError());
        assertEquals(PartnerStatus.PENDING, record.status());
    }

    @Test
    void sync_shouldFailRetryably_whenAnAccountCreateFailsAfterTheServices() {
        connectWithAccounts(1);
        gradient.failOn(InMemoryGradient.CREATE_ACCOUNTS,
                new ServerErrorException(502, InMemoryGradient.CREATE_ACCOUNTS, ""));

        assertTrue(assertInstanceOf(SyncOutcome.Failed.class, sync.sync(partner, deadline())).retryable());
        assertEquals(catalog.services().size(), stores.catalog().all().size(), "the services stay known");

        assertEquals(1, synced().accountsCreated());
    }

    @Test
    void sync_shouldCreateOnlyTheAccountsStillMissing_whenACreateConflicts() {
        connectWithAccounts(150);
        // Another worker creates acct-0120 (and the MSP maps it) after our listing, before our create.
        Gradient racing = new Gradient() {
            private boolean raced;

            @Override
            public PartnerSession session(GradientCredentials credentials, Instant deadline) {
                PartnerSession real = gradient.session(credentials, deadline);
                return (PartnerSession) Proxy.newProxyInstance(PartnerSession.class.getClassLoader(),
                        new Class<?>[] {PartnerSession.class}, (proxy, method, args) -> {
                            if (method.getName().equals("createAccounts") && !raced) {
                                raced = true;
                                gradient.addAccounts(PARTNER_KEY, "acct-0120");
                                gradient.map(PARTNER_KEY, "acct-0120");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }

            @Override
            public int accountChunkSize() {
                return gradient.accountChunkSize();
            }
        };
        sync = syncWith(racing, recordingPusher);

        List<String> calls = callsDuring(() -> {
            SyncReport report = synced();
            assertEquals(149, report.accountsCreated());
            assertEquals(1, report.accountsMapped());
        });

        List<String> accountCalls = calls.stream().filter(c -> c.contains(" accounts")).toList();
        assertEquals(5, accountCalls.size(), accountCalls::toString); // list, chunk 1, chunk 2 (409), list chunk 2, create
        assertTrue(accountCalls.get(3).startsWith("GET accounts acct-0100,"), accountCalls.get(3));
        assertFalse(accountCalls.get(4).contains("acct-0120"));
        assertEquals(150, gradientAccounts().size());
        assertTrue(stored("acct-0120").mapped());
    }

    @Test
    void sync_shouldReuseStoredServiceIds_whenAnotherPartnerSyncs() {
        connectWithAccounts(1);
        synced();
        PartnerId second = PartnerId.of("msp-second");
        connect(second, "pk-second", IntegrationStatus.INACTIVE);

        List<String> calls = callsDuring(() ->
                assertEquals(0, assertInstanceOf(SyncOutcome.Synced.class, sync.sync(second, deadline())).report()
                        .servicesCreated()));

        assertTrue(calls.stream().noneMatch(c -> c.equals("GET vendor") || c.startsWith("POST service")), calls::toString);
    }

    @Test
    void sync_shouldAdoptExistingSkusByName_whenTheCatalogStoreDoesNotKnowThem() {
        ServiceCatalog.Service first = catalog.services().get(0);
        String existing = gradient.addSku(first.name());
        connectWithAccounts(1);

        SyncReport report = synced();

        assertEquals(catalog.services().size() - 1, report.servicesCreated());
        assertEquals(Optional.of(existing), stores.catalog().gradientServiceId(first.key()));
        assertEquals(catalog.services().size(), gradient.skus().size());
    }

    @Test
    void sync_shouldReportNeedsKey_whenThePusherMetA401() {
        connectWithAccounts(1);
        stores.journal().record(TestEvents.set("u-1", partner, "acct-0000", "backup-server", "1", 3));
        recordingPusher.answer(new PushReport(0, 0, 0, 0, true, List.of()));

        assertEquals(new SyncOutcome.NeedsKey(true), sync.sync(partner, deadline()));
    }

    @Test
    void sync_shouldFailRetryably_whenSomeRowsCouldNotBePushedYet() {
        connectWithAccounts(1);
        stores.journal().record(TestEvents.set("u-1", partner, "acct-0000", "backup-server", "1", 3));
        recordingPusher.answer(new PushReport(0, 0, 0, 0, false, List.of(row("acct-0000", "backup-server"))));

        SyncOutcome.Failed failed = assertInstanceOf(SyncOutcome.Failed.class, sync.sync(partner, deadline()));

        assertTrue(failed.retryable());
        assertTrue(failed.reason().startsWith("1 ledger rows"), failed.reason());
        assertEquals(GradientAccountState.CREATED, stored("acct-0000").gradientState());
    }

    @Test
    void sync_shouldSkipWithoutCallingGradient_whenThePartnerIsUnknownOrDisconnectedOrHasNoKey() {
        connectWithAccounts(1);
        PartnerId keyless = PartnerId.of("msp-keyless");
        stores.partners().save(PartnerRecord.builder(keyless, clock.instant()).status(PartnerStatus.PENDING).build());
        stores.partners().markDisconnected(partner, clock.instant());

        List<String> calls = callsDuring(() -> {
            assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(partner, deadline()));
            assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(PartnerId.of("nobody"), deadline()));
            assertInstanceOf(SyncOutcome.Skipped.class, sync.sync(keyless, deadline()));
        });

        assertEquals(List.of(), calls);
    }

    @Test
    void sync_shouldNeverSetPending_whenTheIntegrationIsActive() {
        connect(partner, PARTNER_KEY, IntegrationStatus.ACTIVE);

        List<String> calls = callsDuring(() -> {
            SyncReport report = synced();
            assertFalse(report.statusSetPending());
            assertEquals(IntegrationStatus.ACTIVE, report.gradientStatus());
        });

        assertTrue(calls.stream().noneMatch(c -> c.startsWith("PATCH status")), calls::toString);
        assertEquals(PartnerStatus.ACTIVE, stores.partners().get(partner).orElseThrow().status());
    }

    /**
     * A redeploy with a catalog that no longer lists a service: the next sync pushes that service's rows no more,
     * keeps them in the ledger, reports them, and leaves the service in Gradient alone.
     */
    @Test
    void sync_shouldNotPushButReportRows_whenTheirServiceWasRemovedFromTheCatalog() {
        connectWithAccounts(1);
        stores.journal().record(TestEvents.set("u1", partner, accountId(0), "backup-server", "4", 100));
        stores.journal().record(TestEvents.set("u2", partner, accountId(0), "edr-endpoint", "9", 101));
        synced();
        List<VendorSku> before = gradient.skus();
        ServiceCatalog withoutEdr = new ServiceCatalog(catalog.services().stream()
                .filter(s -> !s.key().value().equals("edr-endpoint")).toList());
        sync = PartnerSync.builder().stores(stores).keyVault(vault).gradient(gradient).catalog(withoutEdr)
                .pusher(recordingPusher).clock(clock).locks(io.gradientconnector.testing.InMemoryPartnerLocks.create())
                .build();

        SyncReport report = synced();

        assertEquals(Map.of(ServiceKey.of("edr-endpoint"), 1), report.removedServices());
        List<UsageRowKey> pushed = recordingPusher.calls().get(recordingPusher.calls().size() - 1).rows();
        assertEquals(List.of(row(accountId(0), "backup-server")), pushed);
        assertTrue(stores.ledger().get(row(accountId(0), "edr-endpoint")).orElseThrow().needsPush(),
                "the row stays in the ledger");
        assertEquals(before, gradient.skus(), "the removed service is left alone in Gradient");
    }
}
