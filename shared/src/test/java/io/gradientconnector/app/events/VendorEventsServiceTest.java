package io.gradientconnector.app.events;

import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.testing.InMemoryStores;

import io.gradientconnector.domain.WebhookSignature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.testing.InMemoryPendingDeliveries;
import io.gradientconnector.testing.InMemoryUsageQueue;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.port.UsageQueue;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.PendingDeliveries;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.StoreConflictException;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook use case against in-memory stores, vault and queue. */
class VendorEventsServiceTest {
    private static final String CURRENT = "whsec-current-0123456789";
    private static final String PREVIOUS = "whsec-previous-0123456789";
    private static final ServiceCatalog CATALOG = ServiceCatalogFile.example();

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final InMemoryUsageQueue queue = InMemoryUsageQueue.create();
    private final InMemoryPendingDeliveries deliveries = InMemoryPendingDeliveries.create();
    private ConnectorStores stores;
    private InMemoryKeyVault vault;
    private PartnerId partner;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create(clock, Duration.ofDays(30));
        vault = InMemoryKeyVault.create(Secret.of("vendor-key"),
                new WebhookSecrets(Secret.of(CURRENT), Optional.of(Secret.of(PREVIOUS))));
        partner = TestEvents.uniquePartner();
        connect(partner, PartnerStatus.ACTIVE);
    }

    @AfterEach
    void noSecretLogged() {
        String text = logs.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(CURRENT) || text.contains(PREVIOUS), "a signing secret reached the log");
    }

    private void connect(PartnerId id, PartnerStatus status) {
        stores.partners().save(PartnerRecord.builder(id, clock.instant()).status(status).build());
    }

    private VendorEventsService service(UsageQueue usageQueue, EventJournal journal) {
        return service(usageQueue, journal, VendorEventsService.DEFAULT_APPLY_CONCURRENCY);
    }

    private VendorEventsService service(UsageQueue usageQueue, EventJournal journal, int applyConcurrency) {
        return VendorEventsService.builder()
                .keyVault(vault).catalog(CATALOG).journal(journal).ledger(stores.ledger()).partners(stores.partners())
                .queue(usageQueue).deliveries(deliveries).clock(clock).applyConcurrency(applyConcurrency)
                .log(JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(clock).level(JsonLog.Level.DEBUG).build())
                .build();
    }

    private VendorEventsService service() {
        return service(queue, stores.journal());
    }

    private DeliveryOutcome deliver(VendorEventsService service, String body) {
        return deliver(service, body, CURRENT, clock.instant().getEpochSecond());
    }

    private static DeliveryOutcome deliver(VendorEventsService service, String body, String secret, long timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return service.accept(Long.toString(timestamp), WebhookSignature.sign(secret, timestamp, bytes), bytes);
    }

    private String usage(String id, String type, String account, String quantity) {
        return usage(id, type, partner, account, quantity);
    }

    private static String usage(String id, String type, PartnerId partner, String account, String quantity) {
        return ("{'id':'" + id + "','type':'" + type + "','partnerId':'" + partner.value()
                + "','occurredAt':'2025-03-01T11:00:0" + id.charAt(id.length() - 1) + "Z','accountId':'" + account
                + "','service':'backup-server','quantity':" + quantity + "}").replace('\'', '"');
    }

    private static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private UsageRowKey row(String account) {
        return new UsageRowKey(partner, AccountId.of(account), ServiceKey.of("backup-server"));
    }

    private PushRequest request(String account) {
        return new PushRequest(partner, AccountId.of(account), ServiceKey.of("backup-server"));
    }

    private Quantity count(String account) {
        return stores.ledger().get(row(account)).orElseThrow().count();
    }

    private boolean nothingRecorded() {
        return stores.ledger().list(partner, Optional.empty(), 100).items().isEmpty()
                && stores.accounts().get(partner, AccountId.of("a1")).isEmpty();
    }

    private static <T extends DeliveryOutcome> T rejected(Class<T> expected, Supplier<DeliveryOutcome> delivery) {
        return assertInstanceOf(expected, delivery.get());
    }

    @Test
    void accept_shouldRecordEveryEventAndQueueEachChangedRowOnce_whenTheDeliveryIsValid() {
        DeliveryOutcome accepted = deliver(service(), batch(
                usage("e-1", "usage.set", "a1", "5"), usage("e-2", "usage.add", "a1", "2"),
                usage("e-3", "usage.set", "a2", "4")));

        assertEquals(new DeliveryOutcome.Accepted(3, 0), accepted);
        assertEquals(Quantity.of(7), count("a1"));
        assertEquals(Quantity.of(4), count("a2"));
        assertEquals(List.of(request("a1"), request("a2")), queue.requests());
    }

    @Test
    void accept_shouldCountDuplicatesAndQueueTheirRowsAgain_whenADeliveryIsRepeated() {
        String body = batch(usage("e-1", "usage.set", "a1", "5"), usage("e-2", "usage.add", "a1", "2"));
        deliver(service(), body);
        queue.drain();

        DeliveryOutcome again = deliver(service(), body);

        assertEquals(new DeliveryOutcome.Accepted(0, 2), again);
        assertEquals(Quantity.of(7), count("a1"), "a duplicate changes nothing");
        assertEquals(List.of(request("a1")), queue.requests(), "a redelivery after a crash still queues the push");
    }

    @Test
    void accept_shouldCountARepeatedIdAsADuplicate_whenItAppearsTwiceInOneDelivery() {
        DeliveryOutcome accepted = deliver(service(), batch(usage("e-1", "usage.add", "a1", "2"),
                usage("e-1", "usage.add", "a1", "2")));

        assertEquals(new DeliveryOutcome.Accepted(1, 1), accepted);
        assertEquals(Quantity.of(2), count("a1"));
    }

    @Test
    void accept_shouldQueueEveryRowOfTheAccount_whenAnAccountDeletionIsRedelivered() {
        deliver(service(), batch(usage("e-1", "usage.set", "a1", "5")));
        String deletion = ("{'id':'d-1','type':'account.deleted','partnerId':'" + partner.value()
                + "','occurredAt':'2025-03-01T11:30:00Z','accountId':'a1'}").replace('\'', '"');
        deliver(service(), deletion);
        assertEquals(Quantity.ZERO, count("a1"));
        queue.drain();

        assertEquals(new DeliveryOutcome.Accepted(0, 1), deliver(service(), deletion));

        assertEquals(List.of(request("a1")), queue.requests());
    }

    @Test
    void accept_shouldRecordWithoutQueueing_whenThePartnerIsNotConnected() {
        PartnerId stranger = TestEvents.uniquePartner();
        PartnerId needsKey = TestEvents.uniquePartner();
        connect(needsKey, PartnerStatus.NEEDS_KEY);

        deliver(service(), batch(usage("e-1", "usage.set", stranger, "a1", "5"),
                usage("e-2", "usage.set", needsKey, "a1", "6"), usage("e-3", "usage.set", "a1", "7")));

        assertEquals(Quantity.of(5), stores.ledger().get(new UsageRowKey(stranger, AccountId.of("a1"),
                ServiceKey.of("backup-server"))).orElseThrow().count(), "the ledger is authoritative anyway");
        assertEquals(List.of(request("a1")), queue.requests());
    }

    @Test
    void accept_shouldAcceptTheDelivery_whenSignedWithThePreviousSecret() {
        DeliveryOutcome accepted = deliver(service(), usage("e-1", "usage.set", "a1", "5"), PREVIOUS,
                clock.instant().getEpochSecond());

        assertEquals(new DeliveryOutcome.Accepted(1, 0), accepted);
    }

    @Test
    void accept_shouldAnswer401NamingTheSignatureAndRecordNothing_whenSignedWithAnotherSecret() {
        String body = usage("e-1", "usage.set", "a1", "5");

        DeliveryOutcome.BadSignature e = rejected(DeliveryOutcome.BadSignature.class,
                () -> deliver(service(), body, "not-the-secret", clock.instant().getEpochSecond()));
        assertEquals(WebhookSignature.SIGNATURE_HEADER, e.header());
        assertTrue(nothingRecorded());
        assertEquals(new DeliveryOutcome.Accepted(1, 0), deliver(service(), body), "the id was not used up");
    }

    @Test
    void accept_shouldAnswer401NamingTheTimestamp_whenTheSignatureIsStale() {
        long stale = clock.instant().minusSeconds(301).getEpochSecond();

        DeliveryOutcome.BadSignature e = rejected(DeliveryOutcome.BadSignature.class,
                () -> deliver(service(), usage("e-1", "usage.set", "a1", "5"), CURRENT, stale));
        assertEquals(WebhookSignature.TIMESTAMP_HEADER, e.header());
        assertTrue(nothingRecorded());
    }

    @Test
    void accept_shouldAnswer401_whenTheHeadersAreMissing() {
        byte[] body = usage("e-1", "usage.set", "a1", "5").getBytes(StandardCharsets.UTF_8);

        DeliveryOutcome.BadSignature e = rejected(DeliveryOutcome.BadSignature.class,
                () -> service().accept(null, null, body));
        assertEquals(WebhookSignature.TIMESTAMP_HEADER, e.header());
    }

    @Test
    void accept_shouldAnswer401_whenTheBodyWasChangedAfterSigning() {
        String body = usage("e-1", "usage.set", "a1", "5");
        long now = clock.instant().getEpochSecond();
        String signature = WebhookSignature.sign(CURRENT, now, body.getBytes(StandardCharsets.UTF_8));
        byte[] tampered = body.replace(":5}", ":500}").getBytes(StandardCharsets.UTF_8);

        rejected(DeliveryOutcome.BadSignature.class,
                () -> service().accept(Long.toString(now), signature, tampered));
        assertTrue(nothingRecorded());
    }

    @Test
    void accept_shouldAnswer413WithoutReadingTheSecret_whenTheBodyIsTooLarge() {
        byte[] body = new byte[VendorEventsService.MAX_BODY_BYTES + 1];
        int readsBefore = vault.reads();

        DeliveryOutcome.TooLarge e = rejected(DeliveryOutcome.TooLarge.class,
                () -> service().accept("1", "v1=00", body));

        assertEquals(new DeliveryOutcome.TooLarge(VendorEventsService.MAX_BODY_BYTES), e);
        assertEquals(readsBefore, vault.reads());
    }

    @Test
    void accept_shouldAnswer400AndRecordNothing_whenOneEventOfTheBatchIsInvalid() {
        String valid = usage("e-1", "usage.set", "a1", "5");

        DeliveryOutcome.Invalid e = rejected(DeliveryOutcome.Invalid.class,
                () -> deliver(service(), batch(valid, usage("e-2", "usage.add", "a1", "-1"))));
        assertEquals("events[1].quantity", e.errors().get(0).field());
        assertTrue(nothingRecorded());
        assertTrue(queue.requests().isEmpty());
        assertEquals(new DeliveryOutcome.Accepted(1, 0), deliver(service(), valid), "the valid id was not used up");
    }

    @Test
    void accept_shouldAnswer400NamingTheBody_whenItIsNotJson() {
        DeliveryOutcome.Invalid e = rejected(DeliveryOutcome.Invalid.class,
                () -> deliver(service(), "{\"events\": ["));
        assertEquals("body", e.errors().get(0).field());
    }

    private PendingDeliverySweep sweep(UsageQueue usageQueue, EventJournal journal) {
        return new PendingDeliverySweep(journal, stores.ledger(), stores.partners(), usageQueue, deliveries, clock,
                JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(clock).build());
    }

    /** Runs the sweep once the staged deliveries are old enough for it. */
    private PendingDeliverySweep.Report sweepLater() {
        clock.advance(PendingDeliverySweep.MIN_AGE.plusSeconds(1));
        return sweep(queue, stores.journal()).sweep(clock.instant().plusSeconds(55));
    }

    @Test
    void accept_shouldAnswer202AndLeaveTheQueueingToTheSweep_whenTheQueueFailsAfterRecording() {
        AtomicBoolean down = new AtomicBoolean(true);
        UsageQueue flaky = requests -> {
            if (down.get()) {
                throw new QueueException("1 message not accepted");
            }
            queue.enqueue(requests);
        };
        String body = usage("e-1", "usage.set", "a1", "5");

        assertEquals(new DeliveryOutcome.Accepted(1, 0), deliver(service(flaky, stores.journal()), body));
        assertEquals(1, deliveries.all().size(), "still staged: its pushes are not queued yet");
        assertTrue(queue.requests().isEmpty());

        down.set(false);
        assertEquals(new PendingDeliverySweep.Report(1, true), sweepLater());
        assertEquals(List.of(request("a1")), queue.requests());
        assertTrue(deliveries.all().isEmpty());
        assertEquals(Quantity.of(5), count("a1"));
    }

    @Test
    void accept_shouldAnswer202WithEverythingPending_whenTheJournalKeepsLosingAfterTheCommitPoint() {
        EventJournal conflicting = event -> {
            throw new StoreConflictException("gave up after 25 attempts");
        };

        DeliveryOutcome outcome = deliver(service(queue, conflicting), usage("e-1", "usage.set", "a1", "5"));

        assertEquals(new DeliveryOutcome.Accepted(0, 0, 1), outcome);
        assertTrue(nothingRecorded(), "not applied yet");
        assertEquals(new PendingDeliverySweep.Report(1, true), sweepLater());
        assertEquals(Quantity.of(5), count("a1"));
        assertEquals(List.of(request("a1")), queue.requests());
    }

    @Test
    void accept_shouldAnswer503AndRecordNothing_whenTheCommitPointCannotBeWritten() {
        PendingDeliveries down = new PendingDeliveries() {
            @Override
            public void stage(StagedDelivery delivery) {
                throw new StoreUnavailableException("DynamoDB failed deliveries.stage", new RuntimeException("throttled"));
            }

            @Override
            public void complete(String deliveryId) {
                throw new AssertionError("never staged");
            }

            @Override
            public List<StagedDelivery> stagedBefore(Instant stagedBefore, int limit) {
                return List.of();
            }
        };
        VendorEventsService service = VendorEventsService.builder()
                .keyVault(vault).catalog(CATALOG).journal(stores.journal()).ledger(stores.ledger())
                .partners(stores.partners()).queue(queue).deliveries(down).clock(clock)
                .log(JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(clock).build())
                .build();

        DeliveryOutcome.Unavailable e = rejected(DeliveryOutcome.Unavailable.class,
                () -> deliver(service, usage("e-1", "usage.set", "a1", "5")));

        assertEquals("events could not be stored right now; retry the delivery", e.message());
        assertTrue(nothingRecorded());
        assertTrue(queue.requests().isEmpty());
    }

    @Test
    void accept_shouldAnswer503AndRecordNothing_whenTooLittleTimeIsLeftBeforeTheDeadline() {
        byte[] body = usage("e-1", "usage.set", "a1", "5").getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        Instant deadline = clock.instant().plus(VendorEventsService.STAGE_BUDGET).minusMillis(1);

        DeliveryOutcome.Unavailable e = rejected(DeliveryOutcome.Unavailable.class, () -> service().accept(
                Long.toString(now), WebhookSignature.sign(CURRENT, now, body), body, deadline));

        assertTrue(e.message().contains("nothing was recorded"), e.message());
        assertTrue(deliveries.all().isEmpty());
        assertTrue(nothingRecorded());
    }

    @Test
    void accept_shouldAnswerByTheDeadlineWithTheRestPending_andTheSweepShouldApplyItExactly_whenTheTableIsSlow() {
        // Applied in order (concurrency 1), every journal write takes 3 s: 8 of the 10 events fit in the 24 s before
        // the deadline.
        EventJournal slow = event -> {
            clock.advance(Duration.ofSeconds(3));
            return stores.journal().record(event);
        };
        String[] events = new String[10];
        for (int i = 0; i < events.length; i++) {
            events[i] = usage("e-" + i, "usage.add", "a" + i, "1");
        }
        String body = batch(events);
        Instant start = clock.instant();

        DeliveryOutcome outcome = deliver(service(queue, slow, 1), body);

        assertEquals(new DeliveryOutcome.Accepted(8, 0, 2), outcome);
        assertTrue(!clock.instant().isAfter(start.plus(VendorEventsService.DEFAULT_BUDGET)), "answered by the deadline");
        assertEquals(1, deliveries.all().size());
        assertEquals(8, queue.requests().size(), "the applied events' pushes are queued already");

        assertEquals(new PendingDeliverySweep.Report(1, true), sweepLater());
        for (int i = 0; i < events.length; i++) {
            assertEquals(Quantity.of(1), count("a" + i));
        }
        assertTrue(deliveries.all().isEmpty());
        assertEquals(10, queue.requests().stream().distinct().count());
        assertEquals(new DeliveryOutcome.Accepted(0, 10), deliver(service(), body), "a redelivery changes nothing");
        assertEquals(Quantity.of(1), count("a9"));
    }

    @Test
    void sweep_shouldApplyAStagedDelivery_whenTheWebhookCrashedBetweenTheCommitPointAndApplying() {
        deliveries.stage(new StagedDelivery("ab".repeat(32), clock.instant(), List.of(
                TestEvents.set("c-1", partner, "a1", "backup-server", "4", 1),
                TestEvents.add("c-2", partner, "a1", "backup-server", "3", 2))));

        assertEquals(new PendingDeliverySweep.Report(0, true),
                sweep(queue, stores.journal()).sweep(clock.instant().plusSeconds(55)), "too young: maybe in flight");
        assertEquals(new PendingDeliverySweep.Report(1, true), sweepLater());

        assertEquals(Quantity.of(7), count("a1"));
        assertEquals(List.of(request("a1")), queue.requests());
        assertTrue(deliveries.all().isEmpty());
    }

    @Test
    void sweep_shouldCompleteTheOtherDeliveries_whenOneOfThemCannotBeApplied() {
        deliveries.stage(new StagedDelivery("aa".repeat(32), clock.instant(), List.of(
                TestEvents.set("poison-1", partner, "a1", "backup-server", "4", 1))));
        deliveries.stage(new StagedDelivery("cd".repeat(32), clock.instant(), List.of(
                TestEvents.set("fine-1", partner, "a2", "backup-server", "5", 1))));
        EventJournal journal = stores.journal();
        EventJournal failingOnPoison = (EventJournal) java.lang.reflect.Proxy.newProxyInstance(
                EventJournal.class.getClassLoader(), new Class<?>[] {EventJournal.class}, (self, method, args) -> {
                    if (args != null && java.util.Arrays.toString(args).contains("poison-1")) {
                        throw new IllegalStateException("a defect while applying");
                    }
                    try {
                        return method.invoke(journal, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        clock.advance(PendingDeliverySweep.MIN_AGE.plusSeconds(1));

        PendingDeliverySweep.Report report = sweep(queue, failingOnPoison).sweep(clock.instant().plusSeconds(55));

        assertEquals(new PendingDeliverySweep.Report(1, false), report, "the other delivery completed; one is left");
        assertEquals(Quantity.of(5), count("a2"));
        assertEquals(1, deliveries.all().size(), "the failing delivery stays staged for the next run");
    }

    @Test
    void accept_shouldAnswer503_whenTheSigningSecretIsUnavailable() {
        vault = InMemoryKeyVault.create();

        rejected(DeliveryOutcome.Unavailable.class,
                () -> deliver(service(), usage("e-1", "usage.set", "a1", "5")));
        assertTrue(nothingRecorded());
    }
}
