package io.gradientconnector.app.usage;

import io.gradientconnector.lambda.ServiceCatalogFile;

import io.gradientconnector.testing.InMemoryStores;

import static io.gradientconnector.testing.TestEvents.add;
import static io.gradientconnector.testing.TestEvents.delete;
import static io.gradientconnector.testing.TestEvents.set;
import static io.gradientconnector.testing.TestEvents.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.ScriptedFault;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push rules against in-memory stores and a real client talking HTTP to an in-process sandbox. */
class UsagePushServiceIT {
    private static final MutableClock CLOCK = MutableClock.at("2025-03-01T12:00:00Z");
    private static final ServiceCatalog CATALOG = ServiceCatalogFile.example();
    private static final String SERVER = "backup-server";
    private static final String WORKSTATION = "backup-workstation";
    private static GradientFixture gradient;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
    private Metrics metrics;
    private ConnectorStores stores;
    private InMemoryKeyVault vault;
    private PartnerId partnerId;
    private GradientFixture.Partner partner;
    private long nextEventSecond = 1;
    private int eventSeq;

    @BeforeAll
    static void startSandbox() {
        gradient = GradientFixture.start(CLOCK);
    }

    @AfterAll
    static void stopSandbox() {
        gradient.close();
    }

    @BeforeEach
    void connectedPartner() {
        gradient.control().clearFaults();
        stores = InMemoryStores.create(CLOCK, Duration.ofDays(30));
        partner = gradient.partner(CATALOG, List.of(SERVER, WORKSTATION), List.of("a1", "a2", "a3"), List.of("a1", "a2"));
        vault = InMemoryKeyVault.create(Secret.of(partner.credentials().vendorKey()), WebhookSecrets.of(Secret.of("whsec")));
        partnerId = TestEvents.uniquePartner();
        vault.putPartnerKey(partnerId, Secret.of(partner.credentials().partnerKey()));
        stores.partners().save(PartnerRecord.builder(partnerId, CLOCK.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(partner.credentials().partnerKey()).fingerprint()).build());
        stores.catalog().put(ServiceKey.of(SERVER), partner.skuId(SERVER), "servers");
        stores.catalog().put(ServiceKey.of(WORKSTATION), partner.skuId(WORKSTATION), "workstations");
        metrics = Metrics.builder().function("test").out(new PrintStream(metricsOut, true, StandardCharsets.UTF_8))
                .clock(CLOCK).build();
        gradient.control().clearRequests();
    }

    private String flushedMetrics() {
        metrics.flush();
        return metricsOut.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void noSecretLogged() {
        String text = logs.toString(StandardCharsets.UTF_8) + metricsOut.toString(StandardCharsets.UTF_8);
        for (String secret : List.of(partner.credentials().vendorKey(), partner.credentials().partnerKey(),
                partner.credentials().token())) {
            assertFalse(text.contains(secret), "a key reached the log");
        }
    }

    private UsagePushService service(PushMode mode) {
        return service(mode, stores.ledger());
    }

    private UsagePushService service(PushMode mode, UsageLedger ledger) {
        return UsagePushService.builder()
                .partners(stores.partners()).ledger(ledger).catalog(stores.catalog()).keyVault(vault)
                .gradient(gradient.client(CLOCK)).clock(CLOCK).mode(mode)
                .log(JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(CLOCK).level(JsonLog.Level.DEBUG).build())
                .metrics(metrics)
                .build();
    }

    private UsageRowKey row(String account, String service) {
        return new UsageRowKey(partnerId, AccountId.of(account), ServiceKey.of(service));
    }

    private void record(VendorEvent event) {
        stores.journal().record(event);
    }

    private String id() {
        return "evt-" + (++eventSeq);
    }

    private long at() {
        return nextEventSecond++;
    }

    private PushReport push(List<UsageRowKey> rows) {
        return service(PushMode.ABSOLUTE).push(partnerId, rows, CLOCK.instant().plusSeconds(30));
    }

    private LedgerRow ledgerRow(UsageRowKey key) {
        return stores.ledger().get(key).orElseThrow();
    }

    private static void assertCount(String expected, Optional<BigDecimal> actual) {
        assertTrue(actual.isPresent(), "no count in Gradient");
        assertEquals(0, new BigDecimal(expected).compareTo(actual.get()), "Gradient holds " + actual.get());
    }

    private List<RecordedRequest> countRequests() {
        return gradient.control().requests().stream().filter(r -> r.path().contains("/count")).toList();
    }

    @Test
    void push_shouldSetAbsoluteCountsWithNoBuildOnAllButTheLast_whenRowsChanged() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(add(id(), partnerId, "a1", SERVER, "2.5", at()));
        record(set(id(), partnerId, "a1", WORKSTATION, "3", at()));
        record(set(id(), partnerId, "a2", SERVER, "7", at()));

        PushReport report = push(List.of(row("a1", SERVER), row("a1", WORKSTATION), row("a2", SERVER), row("a1", SERVER)));

        assertEquals(new PushReport(3, 0, 0, 0, false, List.of()), report);
        assertCount("7.5", gradient.count(partner, "a1", SERVER));
        assertCount("3", gradient.count(partner, "a1", WORKSTATION));
        assertCount("7", gradient.count(partner, "a2", SERVER));
        List<RecordedRequest> requests = countRequests();
        assertEquals(3, requests.size());
        assertEquals(List.of(true, true, false), requests.stream().map(r -> "no_build=true".equals(r.query())).toList());
        assertTrue(requests.stream().allMatch(r -> r.method().equals("POST") && r.status() == 201));
        LedgerRow pushed = ledgerRow(row("a1", SERVER));
        assertEquals(PushState.PUSHED, pushed.pushState());
        assertEquals(Optional.of(Quantity.of("7.5")), pushed.pushedCount());
        assertFalse(pushed.needsPush());
        assertTrue(stores.partners().get(partnerId).orElseThrow().lastPushAt().isPresent());
    }

    @Test
    void push_shouldSkipRows_whenGradientHoldsTheirCurrentVersion() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        push(List.of(row("a1", SERVER)));
        gradient.control().clearRequests();

        PushReport again = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertEquals(new PushReport(0, 0, 0, 2, false, List.of()), again);
        assertTrue(countRequests().isEmpty());
    }

    @Test
    void push_shouldPushZero_whenCountDecrementsToZero() {
        record(set(id(), partnerId, "a1", SERVER, "4", at()));
        push(List.of(row("a1", SERVER)));

        record(subtract(id(), partnerId, "a1", SERVER, "9", at()));
        PushReport report = push(List.of(row("a1", SERVER)));

        assertEquals(1, report.pushed());
        assertCount("0", gradient.count(partner, "a1", SERVER));
    }

    @Test
    void push_shouldPushZeroForEveryService_whenTheAccountWasDeleted() {
        record(set(id(), partnerId, "a2", SERVER, "4", at()));
        record(set(id(), partnerId, "a2", WORKSTATION, "6", at()));
        push(List.of(row("a2", SERVER), row("a2", WORKSTATION)));

        record(delete(id(), partnerId, "a2", at()));
        PushReport report = push(List.of(row("a2", SERVER), row("a2", WORKSTATION)));

        assertEquals(2, report.pushed());
        assertCount("0", gradient.count(partner, "a2", SERVER));
        assertCount("0", gradient.count(partner, "a2", WORKSTATION));
    }

    @Test
    void push_shouldRecordUnmappedAndNotRetry_whenGradientAnswers404() {
        record(set(id(), partnerId, "a3", SERVER, "2", at()));

        PushReport report = push(List.of(row("a3", SERVER)));

        assertEquals(new PushReport(0, 1, 0, 0, false, List.of()), report);
        LedgerRow row = ledgerRow(row("a3", SERVER));
        assertEquals(PushState.UNMAPPED, row.pushState());
        assertTrue(row.needsPush(), "the next sync retries it");
        assertEquals(1, countRequests().size());
        assertTrue(flushedMetrics().contains("\"unmapped\":1"));
    }

    @Test
    void push_shouldRePushOneAppliedRowWithoutNoBuild_whenTheLastCallDoesNotApply() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a3", SERVER, "2", at()));

        PushReport report = push(List.of(row("a1", SERVER), row("a3", SERVER)));

        assertEquals(new PushReport(1, 1, 0, 0, false, List.of()), report);
        List<RecordedRequest> requests = countRequests();
        assertEquals(3, requests.size());
        assertEquals("no_build=true", requests.get(0).query());
        assertEquals(404, requests.get(1).status());
        RecordedRequest rebuild = requests.get(2);
        assertEquals(201, rebuild.status());
        assertFalse("no_build=true".equals(rebuild.query()), "the rebuild call must not carry no_build");
        assertEquals("a1", rebuild.body().path("accountId").asText());
    }

    @Test
    void push_shouldMarkThePartnerAndStop_whenGradientRejectsTheKey() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a2", SERVER, "6", at()));
        gradient.control().regenerateKey(partner.integrationId(), "PARTNERSECRET-new-" + partnerId);

        PushReport report = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertTrue(report.partnerNeedsKey());
        assertEquals(List.of(), report.retryable(), "nothing is redelivered: the key must change first");
        assertEquals(2, report.skipped());
        assertEquals(1, countRequests().size(), "the second row is not tried");
        assertEquals(PartnerStatus.NEEDS_KEY, stores.partners().get(partnerId).orElseThrow().status());
        assertTrue(ledgerRow(row("a2", SERVER)).needsPush());
    }

    @Test
    void push_shouldLeaveRowsRetryableAndRecordTheFailure_whenGradientKeepsAnswering5xx() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a2", SERVER, "6", at()));
        gradient.control().faults(FaultPlan.builder().next(ScriptedFault.serverError(503), ScriptedFault.serverError(503),
                ScriptedFault.serverError(503)).build());

        PushReport report = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertEquals(List.of(row("a1", SERVER), row("a2", SERVER)), report.retryable());
        assertEquals(3, countRequests().size(), "the client's 3 attempts on the first row, then stop");
        LedgerRow failed = ledgerRow(row("a1", SERVER));
        assertEquals(PushState.FAILED, failed.pushState());
        assertTrue(failed.lastPushError().orElseThrow().contains("503"));

        PushReport retried = push(report.retryable());
        assertEquals(2, retried.pushed());
        assertCount("5", gradient.count(partner, "a1", SERVER));
    }

    @Test
    void push_shouldCountAThrottledRetry_whenGradientKeepsAnswering429() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        gradient.control().faults(FaultPlan.builder().next(ScriptedFault.rateLimited(0), ScriptedFault.rateLimited(0),
                ScriptedFault.rateLimited(0)).build());

        PushReport report = push(List.of(row("a1", SERVER)));

        assertEquals(List.of(row("a1", SERVER)), report.retryable());
        assertTrue(flushedMetrics().contains("\"throttledRetries\":1"));
    }

    @Test
    void push_shouldRecordFailedWithoutCallingGradient_whenTheServiceWasNotCreatedYet() {
        record(set(id(), partnerId, "a1", "mailbox-archive", "5", at()));

        PushReport report = push(List.of(row("a1", "mailbox-archive")));

        assertEquals(new PushReport(0, 0, 1, 0, false, List.of()), report);
        assertEquals(Optional.of(UsagePushService.SERVICE_NOT_CREATED), ledgerRow(row("a1", "mailbox-archive")).lastPushError());
        assertTrue(countRequests().isEmpty());
    }

    @Test
    void push_shouldSkipEveryRow_whenThePartnerIsNotConnected() {
        PartnerRecord current = stores.partners().get(partnerId).orElseThrow();
        stores.partners().save(current.toBuilder().status(PartnerStatus.DISCONNECTED).build());
        record(set(id(), partnerId, "a1", SERVER, "5", at()));

        PushReport report = push(List.of(row("a1", SERVER)));

        assertEquals(new PushReport(0, 0, 0, 1, false, List.of()), report);
        assertTrue(countRequests().isEmpty());
    }

    @Test
    void push_shouldLeaveEveryRowRetryable_whenTheDeadlineHasPassed() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));

        PushReport report = service(PushMode.ABSOLUTE).push(partnerId, List.of(row("a1", SERVER)), CLOCK.instant());

        assertEquals(List.of(row("a1", SERVER)), report.retryable());
        assertTrue(countRequests().isEmpty());
    }

    @Test
    void push_shouldPushTheNewerCountAgain_whenAConcurrentWorkerRecordedANewerVersion() {
        UsageRowKey key = row("a1", SERVER);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        // Just before our result is recorded, another worker pushes a newer version (9) and records it first:
        // our older count (5) may have reached Gradient after theirs.
        UsageLedger racing = new RacingLedger(stores.ledger(), () -> {
            record(set(id(), partnerId, "a1", SERVER, "9", at()));
            LedgerRow newer = ledgerRow(key);
            stores.ledger().recordPushResult(key, newer.version(), newer.count(), PushState.PUSHED, Optional.empty(),
                    CLOCK.instant());
        });

        PushReport report = service(PushMode.ABSOLUTE, racing).push(partnerId, List.of(key), CLOCK.instant().plusSeconds(30));

        assertEquals(1, report.pushed());
        assertEquals(2, countRequests().size());
        assertCount("9", gradient.count(partner, "a1", SERVER));
    }

    @Test
    void push_shouldSendNetChangesWithAddAndSubtract_whenDeltaModeAndTheLastOutcomeIsKnown() {
        UsageRowKey key = row("a1", SERVER);
        UsagePushService delta = service(PushMode.DELTA);
        Instant deadline = CLOCK.instant().plusSeconds(30);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        delta.push(partnerId, List.of(key), deadline); // never pushed: absolute set

        record(add(id(), partnerId, "a1", SERVER, "3", at()));
        delta.push(partnerId, List.of(key), deadline);
        record(subtract(id(), partnerId, "a1", SERVER, "10", at()));
        delta.push(partnerId, List.of(key), deadline);

        List<RecordedRequest> requests = countRequests();
        assertEquals(List.of("POST", "PATCH", "PATCH"), requests.stream().map(RecordedRequest::method).toList());
        assertTrue(requests.get(1).path().endsWith("/count/add"));
        assertEquals(0, new BigDecimal("3").compareTo(requests.get(1).body().path("unitCount").decimalValue()));
        assertTrue(requests.get(2).path().endsWith("/count/subtract"));
        assertEquals(0, new BigDecimal("8").compareTo(requests.get(2).body().path("unitCount").decimalValue()));
        assertCount("0", gradient.count(partner, "a1", SERVER));
        assertTrue(ledgerRow(key).lease().isEmpty(), "the lease is released");
    }

    @Test
    void push_shouldFallBackToAnAbsoluteSet_whenDeltaModeAndTheLastOutcomeIsUnknown() {
        UsageRowKey key = row("a1", SERVER);
        UsagePushService delta = service(PushMode.DELTA);
        Instant deadline = CLOCK.instant().plusSeconds(30);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        delta.push(partnerId, List.of(key), deadline);
        record(add(id(), partnerId, "a1", SERVER, "1", at()));
        gradient.control().faults(FaultPlan.builder().next(ScriptedFault.drop(), ScriptedFault.drop(),
                ScriptedFault.drop()).build());
        assertEquals(List.of(key), delta.push(partnerId, List.of(key), deadline).retryable());
        gradient.control().clearRequests();

        record(add(id(), partnerId, "a1", SERVER, "1", at()));
        delta.push(partnerId, List.of(key), deadline);

        List<RecordedRequest> requests = countRequests();
        assertEquals(1, requests.size());
        assertEquals("POST", requests.get(0).method());
        assertCount("7", gradient.count(partner, "a1", SERVER));
    }

    @Test
    void push_shouldLeaveTheRowRetryable_whenDeltaModeAndAnotherWorkerHoldsTheLease() {
        UsageRowKey key = row("a1", SERVER);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        assertTrue(stores.ledger().acquireLease(key, "someone-else", Duration.ofMinutes(5), CLOCK.instant()));

        PushReport report = service(PushMode.DELTA).push(partnerId, List.of(key), CLOCK.instant().plusSeconds(30));

        assertEquals(List.of(key), report.retryable());
        assertTrue(countRequests().isEmpty());
    }

    /** Runs {@code race} just before the first push result is recorded. */
    private static final class RacingLedger implements UsageLedger {
        private final UsageLedger delegate;
        private Runnable race;

        RacingLedger(UsageLedger delegate, Runnable race) {
            this.delegate = delegate;
            this.race = race;
        }

        @Override
        public Optional<LedgerRow> get(UsageRowKey key) {
            return delegate.get(key);
        }

        @Override
        public Page<LedgerRow> list(PartnerId partnerId, Optional<String> cursor, int limit) {
            return delegate.list(partnerId, cursor, limit);
        }

        @Override
        public Page<LedgerRow> listForAccount(PartnerId partnerId, AccountId accountId, Optional<String> cursor, int limit) {
            return delegate.listForAccount(partnerId, accountId, cursor, limit);
        }

        @Override
        public Page<LedgerRow> listNeedingPush(PartnerId partnerId, Optional<String> cursor, int limit) {
            return delegate.listNeedingPush(partnerId, cursor, limit);
        }

        @Override
        public boolean recordPushResult(UsageRowKey key, long attemptedVersion, Quantity pushedCount, PushState outcome,
                                        Optional<String> error, Instant at) {
            if (race != null) {
                Runnable once = race;
                race = null;
                once.run();
            }
            return delegate.recordPushResult(key, attemptedVersion, pushedCount, outcome, error, at);
        }

        @Override
        public boolean acquireLease(UsageRowKey key, String owner, Duration duration, Instant now) {
            return delegate.acquireLease(key, owner, duration, now);
        }

        @Override
        public boolean releaseLease(UsageRowKey key, String owner) {
            return delegate.releaseLease(key, owner);
        }

        @Override
        public int forgetPushes(PartnerId partnerId) {
            return delegate.forgetPushes(partnerId);
        }
    }
}
