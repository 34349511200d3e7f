package io.gradientconnector.app.usage;

import static io.gradientconnector.testing.TestEvents.add;
import static io.gradientconnector.testing.TestEvents.delete;
import static io.gradientconnector.testing.TestEvents.set;
import static io.gradientconnector.testing.TestEvents.subtract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushMode;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The push rules against in-memory stores and an in-memory Gradient (no HTTP: a scripted failure stands for what
 * the client throws after its own retries). {@link UsagePushServiceIT} runs the same rules over real HTTP.
 */
class UsagePushServiceTest {
    private static final String VENDOR_KEY = "VENDORSECRET-unit";
    private static final String PARTNER_KEY = "PARTNERSECRET-unit";
    private static final String SERVER = "backup-server";
    private static final String WORKSTATION = "backup-workstation";

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
    private final PartnerId partnerId = TestEvents.uniquePartner();
    private Metrics metrics;
    private String serverSku;
    private String workstationSku;
    private long nextEventSecond = 1;
    private int eventSeq;

    @BeforeEach
    void connectedPartner() {
        gradient.accept(PARTNER_KEY, "Contoso MSP", IntegrationStatus.PENDING);
        serverSku = gradient.addSku("servers");
        workstationSku = gradient.addSku("workstations");
        gradient.addAccounts(PARTNER_KEY, "a1", "a2", "a3");
        gradient.map(PARTNER_KEY, "a1", "a2");
        stores.catalog().put(ServiceKey.of(SERVER), serverSku, "servers");
        stores.catalog().put(ServiceKey.of(WORKSTATION), workstationSku, "workstations");
        stores.partners().save(PartnerRecord.builder(partnerId, clock.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(PARTNER_KEY).fingerprint()).build());
        metrics = Metrics.builder().function("test").out(new PrintStream(metricsOut, true, StandardCharsets.UTF_8))
                .clock(clock).build();
    }

    @AfterEach
    void noSecretLogged() {
        String text = logs.toString(StandardCharsets.UTF_8) + metricsOut.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(VENDOR_KEY) || text.contains(PARTNER_KEY), "a key reached the log");
    }

    private UsagePushService service(PushMode mode) {
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(VENDOR_KEY), WebhookSecrets.of(Secret.of("whsec")));
        vault.putPartnerKey(partnerId, Secret.of(PARTNER_KEY));
        return UsagePushService.builder()
                .partners(stores.partners()).ledger(stores.ledger()).catalog(stores.catalog()).keyVault(vault)
                .gradient(gradient).clock(clock).mode(mode)
                .log(JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(clock).level(JsonLog.Level.DEBUG).build())
                .metrics(metrics)
                .build();
    }

    private PushReport push(List<UsageRowKey> rows) {
        return service(PushMode.ABSOLUTE).push(partnerId, rows, clock.instant().plusSeconds(30));
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

    private LedgerRow ledgerRow(UsageRowKey key) {
        return stores.ledger().get(key).orElseThrow();
    }

    private List<String> countCalls() {
        return gradient.calls().stream().filter(c -> c.contains(" count ") || c.startsWith("PATCH add")
                || c.startsWith("PATCH subtract")).toList();
    }

    private void assertCount(String expected, String sku, String account) {
        Optional<BigDecimal> held = gradient.count(PARTNER_KEY, sku, account);
        assertTrue(held.isPresent(), "no count in Gradient");
        assertEquals(0, new BigDecimal(expected).compareTo(held.get()), "Gradient holds " + held.get());
    }

    private String flushedMetrics() {
        metrics.flush();
        return metricsOut.toString(StandardCharsets.UTF_8);
    }

    @Test
    void push_shouldSetAbsoluteCountsWithNoBuildOnAllButTheLast_whenRowsChanged() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(add(id(), partnerId, "a1", SERVER, "2.5", at()));
        record(set(id(), partnerId, "a1", WORKSTATION, "3", at()));
        record(set(id(), partnerId, "a2", SERVER, "7", at()));

        PushReport report = push(List.of(row("a1", SERVER), row("a1", WORKSTATION), row("a2", SERVER), row("a1", SERVER)));

        assertEquals(new PushReport(3, 0, 0, 0, false, List.of()), report);
        List<String> calls = countCalls();
        // The no_build calls run in parallel lanes (any order); the rebuild-triggering one comes last.
        assertEquals(java.util.Set.of(
                "POST count " + serverSku + " a1 7.5 no_build",
                "POST count " + workstationSku + " a1 3 no_build"), java.util.Set.copyOf(calls.subList(0, 2)));
        assertEquals(List.of("POST count " + serverSku + " a2 7"), calls.subList(2, calls.size()));
        assertCount("7.5", serverSku, "a1");
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
        gradient.clearCalls();

        PushReport again = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertEquals(new PushReport(0, 0, 0, 2, false, List.of()), again);
        assertEquals(List.of(), gradient.calls());
    }

    @Test
    void push_shouldPushZero_whenCountDecrementsToZeroOrTheAccountWasDeleted() {
        record(set(id(), partnerId, "a1", SERVER, "4", at()));
        record(set(id(), partnerId, "a2", WORKSTATION, "6", at()));
        push(List.of(row("a1", SERVER), row("a2", WORKSTATION)));

        record(subtract(id(), partnerId, "a1", SERVER, "9", at()));
        record(delete(id(), partnerId, "a2", at()));
        PushReport report = push(List.of(row("a1", SERVER), row("a2", WORKSTATION)));

        assertEquals(2, report.pushed());
        assertCount("0", serverSku, "a1");
        assertCount("0", workstationSku, "a2");
    }

    @Test
    void push_shouldRecordUnmappedAndNotRetry_whenGradientAnswers404() {
        record(set(id(), partnerId, "a3", SERVER, "2", at()));

        PushReport report = push(List.of(row("a3", SERVER)));

        assertEquals(new PushReport(0, 1, 0, 0, false, List.of()), report);
        LedgerRow row = ledgerRow(row("a3", SERVER));
        assertEquals(PushState.UNMAPPED, row.pushState());
        assertTrue(row.needsPush(), "the next sync retries it");
        assertEquals(1, countCalls().size());
        assertTrue(flushedMetrics().contains("\"unmapped\":1"));
    }

    @Test
    void push_shouldRePushOneAppliedRowWithoutNoBuild_whenTheLastCallDoesNotApply() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a3", SERVER, "2", at()));

        PushReport report = push(List.of(row("a1", SERVER), row("a3", SERVER)));

        assertEquals(new PushReport(1, 1, 0, 0, false, List.of()), report);
        assertEquals(List.of(
                "POST count " + serverSku + " a1 5 no_build",
                "POST count " + serverSku + " a3 2",
                "POST count " + serverSku + " a1 5"), countCalls());
    }

    @Test
    void push_shouldMarkThePartnerAndStop_whenGradientRejectsTheKey() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a2", SERVER, "6", at()));
        gradient.regenerate(PARTNER_KEY, "PARTNERSECRET-regenerated");

        PushReport report = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertTrue(report.partnerNeedsKey());
        assertEquals(List.of(), report.retryable(), "nothing is redelivered: the key must change first");
        assertEquals(2, report.skipped());
        assertEquals(1, countCalls().size(), "the second row is not tried");
        assertEquals(PartnerStatus.NEEDS_KEY, stores.partners().get(partnerId).orElseThrow().status());
        assertTrue(ledgerRow(row("a2", SERVER)).needsPush());

        PushReport later = push(List.of(row("a2", SERVER)));
        assertEquals(new PushReport(0, 0, 0, 1, false, List.of()), later, "a partner needing a key gets no pushes");
        assertEquals(1, countCalls().size());
    }

    @Test
    void push_shouldLeaveThisAndTheRemainingRowsRetryable_whenGradientAnswers5xx() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a2", SERVER, "6", at()));
        gradient.failOn(InMemoryGradient.SET_COUNT, new ServerErrorException(503, InMemoryGradient.SET_COUNT, "down"));

        PushReport report = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertEquals(List.of(row("a1", SERVER), row("a2", SERVER)), report.retryable());
        assertEquals(1, countCalls().size(), "no call after the first 5xx");
        LedgerRow failed = ledgerRow(row("a1", SERVER));
        assertEquals(PushState.FAILED, failed.pushState());
        assertTrue(failed.lastPushError().orElseThrow().contains("503"));
        assertTrue(failed.needsPush());

        PushReport retried = push(report.retryable());
        assertEquals(2, retried.pushed());
        assertCount("5", serverSku, "a1");
    }

    @Test
    void push_shouldCountAThrottledRetry_whenGradientAnswers429() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        gradient.failOn(InMemoryGradient.SET_COUNT,
                new RateLimitedException(InMemoryGradient.SET_COUNT, "slow down", Optional.of(Duration.ofSeconds(1))));

        PushReport report = push(List.of(row("a1", SERVER)));

        assertEquals(List.of(row("a1", SERVER)), report.retryable());
        assertEquals(PushState.FAILED, ledgerRow(row("a1", SERVER)).pushState());
        assertTrue(flushedMetrics().contains("\"throttledRetries\":1"));
    }

    @Test
    void push_shouldLeaveRowsRetryable_whenGradientIsUnreachable() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        gradient.failOn(InMemoryGradient.SET_COUNT,
                new GradientConnectionException(InMemoryGradient.SET_COUNT, "connection reset", true, null));

        PushReport report = push(List.of(row("a1", SERVER)));

        assertEquals(List.of(row("a1", SERVER)), report.retryable());
        assertEquals(Optional.of("Gradient unreachable"), ledgerRow(row("a1", SERVER)).lastPushError());
    }

    @Test
    void push_shouldStopThePartnerButKeepRowsRetryable_whenGradientAnswers403() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a2", SERVER, "6", at()));
        gradient.failOn(InMemoryGradient.SET_COUNT, new ForbiddenException(InMemoryGradient.SET_COUNT, "anomaly"));

        PushReport report = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertEquals(List.of(row("a1", SERVER), row("a2", SERVER)), report.retryable());
        assertFalse(report.partnerNeedsKey());
        assertEquals(1, countCalls().size());
        assertEquals(PartnerStatus.ACTIVE, stores.partners().get(partnerId).orElseThrow().status());
    }

    @Test
    void push_shouldRecordFailedAndGoOn_whenGradientRejectsOneRow() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        record(set(id(), partnerId, "a2", SERVER, "6", at()));
        gradient.failOn(InMemoryGradient.SET_COUNT, new BadRequestException(InMemoryGradient.SET_COUNT, "bad count"));

        PushReport report = push(List.of(row("a1", SERVER), row("a2", SERVER)));

        assertEquals(new PushReport(1, 0, 1, 0, false, List.of()), report);
        LedgerRow rejected = ledgerRow(row("a1", SERVER));
        assertEquals(PushState.FAILED, rejected.pushState());
        assertEquals(Optional.of("Gradient answered 400: bad count"), rejected.lastPushError());
        assertCount("6", serverSku, "a2");
        assertEquals(Optional.of("Gradient answered 400: bad count"),
                stores.partners().get(partnerId).orElseThrow().lastError());
    }

    @Test
    void push_shouldRecordFailedWithoutCallingGradient_whenTheServiceWasNotCreatedYet() {
        record(set(id(), partnerId, "a1", "mailbox-archive", "5", at()));

        PushReport report = push(List.of(row("a1", "mailbox-archive")));

        assertEquals(new PushReport(0, 0, 1, 0, false, List.of()), report);
        assertEquals(Optional.of(UsagePushService.SERVICE_NOT_CREATED), ledgerRow(row("a1", "mailbox-archive")).lastPushError());
        assertEquals(List.of(), gradient.calls());
    }

    @Test
    void push_shouldSkipEveryRowWithoutCallingGradient_whenThePartnerIsNotConnected() {
        PartnerRecord current = stores.partners().get(partnerId).orElseThrow();
        stores.partners().save(current.toBuilder().status(PartnerStatus.DISCONNECTED).build());
        record(set(id(), partnerId, "a1", SERVER, "5", at()));

        PushReport report = push(List.of(row("a1", SERVER)));

        assertEquals(new PushReport(0, 0, 0, 1, false, List.of()), report);
        assertEquals(List.of(), gradient.calls());
    }

    @Test
    void push_shouldLeaveEveryRowRetryable_whenTheDeadlineHasPassed() {
        record(set(id(), partnerId, "a1", SERVER, "5", at()));

        PushReport report = service(PushMode.ABSOLUTE).push(partnerId, List.of(row("a1", SERVER)), clock.instant());

        assertEquals(List.of(row("a1", SERVER)), report.retryable());
        assertEquals(List.of(), gradient.calls());
    }

    @Test
    void push_shouldSendNetChangesWithAddAndSubtract_whenDeltaModeAndTheLastOutcomeIsKnown() {
        UsageRowKey key = row("a1", SERVER);
        UsagePushService delta = service(PushMode.DELTA);
        Instant deadline = clock.instant().plusSeconds(30);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        delta.push(partnerId, List.of(key), deadline); // never pushed: absolute set

        record(add(id(), partnerId, "a1", SERVER, "3", at()));
        delta.push(partnerId, List.of(key), deadline);
        record(subtract(id(), partnerId, "a1", SERVER, "10", at()));
        delta.push(partnerId, List.of(key), deadline);

        assertEquals(List.of(
                "POST count " + serverSku + " a1 5",
                "PATCH add " + serverSku + " a1 3",
                "PATCH subtract " + serverSku + " a1 8"), countCalls());
        assertCount("0", serverSku, "a1");
        assertTrue(ledgerRow(key).lease().isEmpty(), "the lease is released");
    }

    @Test
    void push_shouldFallBackToAnAbsoluteSet_whenDeltaModeAndTheLastOutcomeIsUnknown() {
        UsageRowKey key = row("a1", SERVER);
        UsagePushService delta = service(PushMode.DELTA);
        Instant deadline = clock.instant().plusSeconds(30);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        delta.push(partnerId, List.of(key), deadline);
        record(add(id(), partnerId, "a1", SERVER, "1", at()));
        gradient.failOn(InMemoryGradient.ADD_COUNT,
                new GradientConnectionException(InMemoryGradient.ADD_COUNT, "timed out", true, null));
        assertEquals(List.of(key), delta.push(partnerId, List.of(key), deadline).retryable());
        gradient.clearCalls();

        record(add(id(), partnerId, "a1", SERVER, "1", at()));
        delta.push(partnerId, List.of(key), deadline);

        assertEquals(List.of("POST count " + serverSku + " a1 7"), countCalls());
        assertCount("7", serverSku, "a1");
    }

    @Test
    void push_shouldLeaveTheRowRetryable_whenDeltaModeAndAnotherWorkerHoldsTheLease() {
        UsageRowKey key = row("a1", SERVER);
        record(set(id(), partnerId, "a1", SERVER, "5", at()));
        assertTrue(stores.ledger().acquireLease(key, "someone-else", Duration.ofMinutes(5), clock.instant()));

        PushReport report = service(PushMode.DELTA).push(partnerId, List.of(key), clock.instant().plusSeconds(30));

        assertEquals(List.of(key), report.retryable());
        assertEquals(List.of(), gradient.calls());
    }
}
