package io.gradientconnector.app.fence;

import io.gradientconnector.adapter.secretsmanager.CachingKeyVault;
import io.gradientconnector.app.partner.PartnerFailure;
import io.gradientconnector.app.partner.PartnerUseCases;
import io.gradientconnector.app.sync.PartnerSync;
import io.gradientconnector.app.sync.SyncOutcome;
import io.gradientconnector.app.usage.PushReport;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryPartnerLocks;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.InMemorySyncQueue;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key guarantees of docs/GUARANTEES.md (sections 1, 2, 3, 5, 6), each targeted: two "containers" (each its own
 * {@link CachingKeyVault} with the production TTL, and its own use cases) over one store, one vault and one in-memory
 * Gradient.
 */
class KeyGuaranteesTest {
    private static final String VENDOR_KEY = "VENDORKEY-guarantees";
    private static final String KEY_1 = "PARTNERKEY-first-0001";
    private static final String KEY_2 = "PARTNERKEY-regenerated-0002";
    private static final String OTHER_ORG_KEY = "PARTNERKEY-other-org-0003";
    private static final String ACCOUNT = "acct-1";

    private final MutableClock clock = MutableClock.at("2025-06-01T00:00:00Z");
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final InMemoryKeyVault backend = InMemoryKeyVault.create();
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final InMemoryPartnerLocks locks = InMemoryPartnerLocks.create();
    private final InMemorySyncQueue syncQueue = InMemorySyncQueue.create();
    private final ServiceCatalog catalog = ServiceCatalogFile.example();
    private final ServiceKey service = catalog.services().get(0).key();
    private final PartnerId partner = PartnerId.of("msp-guarantees");
    private final UsageRowKey row = new UsageRowKey(partner, AccountId.of(ACCOUNT), service);
    private Container a;
    private Container b;
    private int events;

    /** One warm Lambda container: its own key cache and use cases. */
    private final class Container {
        final CachingKeyVault vault = new CachingKeyVault(backend, Duration.ofSeconds(300), clock);
        final PartnerUseCases portal = PartnerUseCases.builder().stores(stores).vault(vault).gradient(gradient)
                .locks(locks).syncQueue(syncQueue).clock(clock).build();
        final UsagePushService push = UsagePushService.builder().partners(stores.partners()).ledger(stores.ledger())
                .catalog(stores.catalog()).keyVault(vault).gradient(gradient).clock(clock)
                .log(JsonLog.builder().function("test").out(new PrintStream(new ByteArrayOutputStream()))
                        .clock(clock).build()).build();
        final PartnerSync sync = PartnerSync.builder().stores(stores).keyVault(vault).gradient(gradient)
                .catalog(catalog).pusher(push).clock(clock).locks(locks).build();

        PushReport pushRow() {
            return push.push(partner, List.of(row), deadline());
        }

        SyncOutcome syncPartner() {
            return sync.sync(partner, deadline());
        }
    }

    @BeforeEach
    void setUp() {
        backend.setVendorKey(Secret.of(VENDOR_KEY));
        gradient.accept(KEY_1, "Contoso MSP", IntegrationStatus.INACTIVE);
        gradient.accept(OTHER_ORG_KEY, "Fabrikam MSP", IntegrationStatus.INACTIVE);
        a = new Container();
        b = new Container();
    }

    private static Instant deadline() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    private void usage(String quantity) {
        events++;
        stores.journal().record(new VendorEvent.UsageSet(EventId.of("evt-" + events), partner,
                TestEvents.t(1000 + events), AccountId.of(ACCOUNT), service, Quantity.of(quantity)));
    }

    /** Connected with KEY_1 through A, the account created and mapped in Gradient, one count pushed by B. */
    private void connectedAndPushing() {
        stores.journal().record(new VendorEvent.AccountUpserted(EventId.of("evt-account"), partner, TestEvents.t(1),
                new VendorAccount(AccountId.of(ACCOUNT), "Customer 1", null)));
        a.portal.connect().connect(partner, Secret.of(KEY_1), deadline());
        assertInstanceOf(SyncOutcome.Synced.class, a.syncPartner());
        gradient.map(KEY_1, ACCOUNT);
        usage("5");
        assertEquals(1, b.pushRow().pushed(), "B has KEY_1 cached from now on");
        gradient.clearCalls();
    }

    private PartnerRecord record() {
        return stores.partners().get(partner).orElseThrow();
    }

    private LedgerRow ledgerRow() {
        return stores.ledger().get(row).orElseThrow();
    }

    private String sku() {
        return stores.catalog().gradientServiceId(service).orElseThrow();
    }

    // ---- 1. key rotation -----------------------------------------------------------------------------------------

    @Test
    void rotation_shouldUseTheNewKeyFromTheNextCall_inAnotherWarmContainer() {
        connectedAndPushing();
        gradient.regenerate(KEY_1, KEY_2);
        a.portal.connect().connect(partner, Secret.of(KEY_2), deadline()); // 200

        usage("7");
        PushReport report = b.pushRow(); // B still has KEY_1 cached, well within its TTL

        assertEquals(1, report.pushed());
        assertFalse(report.partnerNeedsKey());
        assertEquals(List.of(), gradient.callsWith(KEY_1), "no call with the old key after the PUT answered");
        assertEquals(Optional.of(new BigDecimal("7")), gradient.count(KEY_2, sku(), ACCOUNT));
        assertEquals(PartnerStatus.ACTIVE, record().status());
    }

    @Test
    void rotation_shouldRetryWithTheNewKey_whenA401RacesThePut() {
        connectedAndPushing();
        gradient.regenerate(KEY_1, KEY_2);
        usage("8");
        // The PUT lands between B's fence check and its count call: Gradient answers B's call 401.
        backend.putPartnerKey(partner, Secret.of(KEY_2));
        PartnerRecord current = record();
        stores.partners().save(current.toBuilder().keyFingerprint(Secret.of(KEY_2).fingerprint()).build());

        PushReport report = b.pushRow();

        assertEquals(1, report.pushed());
        assertFalse(report.partnerNeedsKey());
        assertEquals(Optional.of(new BigDecimal("8")), gradient.count(KEY_2, sku(), ACCOUNT));
        assertTrue(record().status() != PartnerStatus.NEEDS_KEY);
    }

    @Test
    void revokedKey_shouldLeaveTheRowWaiting_andPushItOnceANewKeyIsStored() {
        connectedAndPushing();
        gradient.regenerate(KEY_1, KEY_2); // the MSP regenerated; nobody has PUT the new key yet
        usage("9");

        PushReport report = b.pushRow();

        assertTrue(report.partnerNeedsKey());
        assertEquals(PartnerStatus.NEEDS_KEY, record().status());
        assertTrue(ledgerRow().needsPush(), "the row waits, it is not dropped");

        a.portal.connect().connect(partner, Secret.of(KEY_2), deadline());
        assertEquals(1, syncQueue.requests().size() - 1, "the PUT queued a sync");
        assertInstanceOf(SyncOutcome.Synced.class, b.syncPartner());

        assertEquals(PushState.PUSHED, ledgerRow().pushState());
        assertFalse(ledgerRow().needsPush());
        assertEquals(Optional.of(new BigDecimal("9")), gradient.count(KEY_2, sku(), ACCOUNT));
    }

    // ---- 2. disconnect fences ------------------------------------------------------------------------------------

    @Test
    void delete_shouldStopEveryContainer_andLeaveGradientInactive() {
        connectedAndPushing();

        a.portal.disconnect().disconnect(partner, deadline()); // 204
        List<String> byDelete = gradient.callsWith(KEY_1);
        usage("11");
        PushReport pushed = b.pushRow();
        SyncOutcome synced = b.syncPartner();

        assertEquals(List.of("PATCH status inactive"), byDelete);
        assertEquals(byDelete, gradient.callsWith(KEY_1), "no call with the old key after the 204");
        assertEquals(0, pushed.pushed());
        assertInstanceOf(SyncOutcome.Skipped.class, synced);
        assertEquals(IntegrationStatus.INACTIVE, gradient.status(KEY_1));
        assertEquals(Optional.empty(), backend.partnerKey(partner));
        assertEquals(PartnerStatus.DISCONNECTED, record().status());
    }

    @Test
    void delete_shouldRecordAFailedInactive_andTheSyncWorkerRetriesItUntilItSucceeds() {
        connectedAndPushing();
        gradient.failOn(InMemoryGradient.STATUS, new ServerErrorException(503, InMemoryGradient.STATUS, ""));

        var done = a.portal.disconnect().disconnect(partner, deadline());

        assertTrue(done.inactiveFailure().isPresent());
        assertEquals(Optional.of(Secret.of(KEY_1).fingerprint()), record().retiredKeyFingerprint());
        assertEquals(IntegrationStatus.ACTIVE, gradient.status(KEY_1), "still active in Gradient for now");

        gradient.failOn(InMemoryGradient.STATUS, new ServerErrorException(503, InMemoryGradient.STATUS, ""));
        assertInstanceOf(SyncOutcome.Failed.class, b.syncPartner(), "retryable: SQS redelivers");
        gradient.clearCalls();
        SyncOutcome retried = b.syncPartner();

        assertInstanceOf(SyncOutcome.Skipped.class, retried);
        assertEquals(List.of("PATCH status inactive"), gradient.calls(), "only the inactive call, nothing else");
        assertEquals(IntegrationStatus.INACTIVE, gradient.status(KEY_1));
        assertEquals(Optional.empty(), record().retiredKeyFingerprint());
        assertEquals(Optional.empty(), backend.partnerKey(partner), "the retired key is deleted once inactive");
    }

    @Test
    void sync_shouldNotSetPending_whileADisconnectionHoldsThePartnerLock() {
        connectedAndPushing();
        gradient.disconnect(KEY_1); // upstream: inactive, so the sync would set it pending
        assertTrue(locks.tryAcquire(partner, "a-delete", clock.instant(), Duration.ofSeconds(60)));

        SyncOutcome outcome = b.syncPartner();

        assertEquals(new SyncOutcome.Failed("a key submission or disconnection is in progress", true), outcome);
        assertEquals(List.of("GET organization"), gradient.calls());
        assertEquals(IntegrationStatus.INACTIVE, gradient.status(KEY_1));
    }

    // ---- 3. a refused request changed nothing --------------------------------------------------------------------

    @Test
    void put_shouldCallNothing_whenAnotherRequestHoldsTheLock() {
        connectedAndPushing();
        gradient.accept(KEY_2, "Contoso MSP", IntegrationStatus.INACTIVE);
        PartnerRecord before = record();
        assertTrue(locks.tryAcquire(partner, "a-delete", clock.instant(), Duration.ofSeconds(60)));

        assertThrows(PartnerFailure.ChangeInProgress.class,
                () -> a.portal.connect().connect(partner, Secret.of(KEY_2), deadline()));

        assertEquals(List.of(), gradient.calls(), "a 409 made no Gradient call at all");
        assertEquals(IntegrationStatus.INACTIVE, gradient.status(KEY_2));
        assertEquals(before, record());
        assertEquals(Optional.of(Secret.of(KEY_1)), backend.partnerKey(partner));
    }

    @Test
    void delete_shouldWriteNothing_whenAnotherRequestHoldsTheLock() {
        connectedAndPushing();
        PartnerRecord before = record();
        assertTrue(locks.tryAcquire(partner, "a-put", clock.instant(), Duration.ofSeconds(60)));

        assertThrows(PartnerFailure.ChangeInProgress.class, () -> a.portal.disconnect().disconnect(partner, deadline()));

        assertEquals(List.of(), gradient.calls());
        assertEquals(before, record());
    }

    // ---- 5. the view reports ACTIVE as soon as Gradient does --------------------------------------------------------

    @Test
    void view_shouldSayActive_rightAfterTheFirstAcceptedCount() {
        stores.journal().record(new VendorEvent.AccountUpserted(EventId.of("evt-account"), partner, TestEvents.t(1),
                new VendorAccount(AccountId.of(ACCOUNT), "Customer 1", null)));
        a.portal.connect().connect(partner, Secret.of(KEY_1), deadline());
        assertInstanceOf(SyncOutcome.Synced.class, a.syncPartner());
        gradient.map(KEY_1, ACCOUNT);
        assertEquals(PartnerStatus.PENDING, record().status());
        usage("3");

        b.pushRow();

        assertEquals(IntegrationStatus.ACTIVE, gradient.status(KEY_1));
        assertEquals(PartnerStatus.ACTIVE, record().status());
        assertEquals(Optional.of("active"), record().gradientStatus());
        assertEquals("ACTIVE", a.portal.describe().describe(partner, deadline()).status());
    }

    @Test
    void view_shouldSayActive_whenTheLiveReadDoes() {
        a.portal.connect().connect(partner, Secret.of(KEY_1), deadline());
        gradient.accept(KEY_1, "Contoso MSP", IntegrationStatus.ACTIVE); // Gradient activated it (e.g. an alert)

        assertEquals("ACTIVE", a.portal.describe().describe(partner, deadline()).status());
        assertEquals(PartnerStatus.ACTIVE, record().status());
    }

    // ---- 6. another organization --------------------------------------------------------------------------------

    @Test
    void put_shouldRefuseAKeyOfAnotherOrganization_andChangeNothing() {
        connectedAndPushing();
        PartnerRecord before = record();

        assertThrows(PartnerFailure.OrganizationMismatch.class,
                () -> a.portal.connect().connect(partner, Secret.of(OTHER_ORG_KEY), deadline()));

        assertEquals(List.of("GET organization"), gradient.calls(), "Gradient was only read");
        assertEquals(IntegrationStatus.INACTIVE, gradient.status(OTHER_ORG_KEY));
        assertEquals(IntegrationStatus.ACTIVE, gradient.status(KEY_1));
        assertEquals(before, record());
        assertEquals(Optional.of(Secret.of(KEY_1)), backend.partnerKey(partner));
    }

    @Test
    void put_shouldMoveThePartner_whenTheRequestSaysSo() {
        connectedAndPushing();
        String oldOrganization = record().organizationId().orElseThrow();

        var connected = a.portal.connect().connect(partner, Secret.of(OTHER_ORG_KEY), true, deadline());

        assertTrue(connected.moved());
        assertEquals(IntegrationStatus.INACTIVE, gradient.status(KEY_1), "the old organization is disconnected");
        assertEquals(IntegrationStatus.PENDING, gradient.status(OTHER_ORG_KEY));
        PartnerRecord moved = record();
        assertEquals(PartnerStatus.PENDING, moved.status());
        assertFalse(moved.organizationId().orElseThrow().equals(oldOrganization));
        assertEquals(Optional.of(Secret.of(OTHER_ORG_KEY).fingerprint()), moved.keyFingerprint());
        assertTrue(ledgerRow().needsPush(), "the counts go again, to the new organization");

        gradient.clearCalls();
        assertInstanceOf(SyncOutcome.Synced.class, b.syncPartner());
        assertEquals(List.of(), gradient.callsWith(KEY_1));
        assertTrue(gradient.accounts(OTHER_ORG_KEY).stream().anyMatch(acct -> acct.id().equals(ACCOUNT)),
                "the account is created in the new organization");
    }
}
