package io.gradientconnector.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.adapter.dynamodb.DynamoDbAlertStore;
import io.gradientconnector.adapter.dynamodb.DynamoDbStores;
import io.gradientconnector.adapter.gradient.GradientClient;
import io.gradientconnector.adapter.gradient.GradientClientOptions;
import io.gradientconnector.adapter.gradient.RetryPolicy;
import io.gradientconnector.app.usage.GradientFixture;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.sandbox.ConfigUpdate;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.ScriptedFault;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.InMemoryAlertQueue;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alert dispatch and confirmation over the real pieces: the alert store and journal on the emulated DynamoDB table, the
 * HTTP client against the in-process Gradient sandbox (its clock moved with ours, so its resolution delay and our
 * poll delays run on one time line). Tickets are counted in the sandbox's own state.
 */
class AlertDispatchIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    private static final MutableClock CLOCK = MutableClock.at("2025-03-01T12:00:00Z");
    private static final ServiceCatalog CATALOG = ServiceCatalogFile.example();
    private static final String SERVICE = "backup-server";
    private static GradientFixture sandbox;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private ConnectorStores stores;
    private AlertStore alerts;
    private InMemoryAlertQueue queue;
    private InMemoryKeyVault vault;
    private PartnerId partnerId;
    private GradientFixture.Partner partner;
    private int seq;

    @BeforeAll
    static void startSandbox() {
        sandbox = GradientFixture.start(CLOCK);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void connectedPartner() {
        sandbox.control().clearFaults();
        sandbox.control().config(ConfigUpdate.builder().alertResolveMillis(20_000).alertFailRate(0).alertPendingRate(0)
                .alertSeed(1).build());
        String table = AWS.createTable();
        stores = DynamoDbStores.create(AWS.dynamoDb(), table, CLOCK, Duration.ofDays(30), Duration.ofDays(30));
        alerts = new DynamoDbAlertStore(AWS.dynamoDb(), table, Duration.ofDays(30));
        queue = new InMemoryAlertQueue(CLOCK);
        partner = sandbox.partner(CATALOG, List.of(SERVICE), List.of("a1", "a2", "a3"), List.of("a1", "a2"));
        vault = InMemoryKeyVault.create(Secret.of(partner.credentials().vendorKey()), WebhookSecrets.of(Secret.of("whsec")));
        partnerId = TestEvents.uniquePartner();
        vault.putPartnerKey(partnerId, Secret.of(partner.credentials().partnerKey()));
        stores.partners().save(PartnerRecord.builder(partnerId, CLOCK.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(partner.credentials().partnerKey()).fingerprint()).build());
        stores.catalog().put(ServiceKey.of(SERVICE), partner.skuId(SERVICE), "servers");
    }

    @AfterEach
    void noSecretLogged() {
        String text = output.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(partner.credentials().vendorKey()) || text.contains(partner.credentials().partnerKey())
                || text.contains(partner.credentials().token()), "a key reached the log");
    }

    private AlertDispatch dispatch(Gradient gradient, AlertPolicy policy) {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new AlertDispatch(alerts, queue, stores.partners(), stores.catalog(), vault, gradient, policy, CLOCK,
                JsonLog.builder().function("alert-dispatch").out(out).clock(CLOCK).build(),
                Metrics.builder().function("alert-dispatch").out(out).clock(CLOCK).build());
    }

    private AlertDispatch dispatch() {
        return dispatch(sandbox.client(CLOCK), AlertPolicy.defaults());
    }

    private AlertRef raise(String account, Optional<String> dedupKey) {
        VendorEvent.AlertRaised event = new VendorEvent.AlertRaised(EventId.of("it-alert-" + (++seq) + "-" + partnerId.value()),
                partnerId, CLOCK.instant(), AccountId.of(account), "Sauvegarde échouée \uD83D\uDD25", "Job 7\nfailed", 3, 2,
                Optional.of(ServiceKey.of(SERVICE)), dedupKey);
        stores.journal().record(event);
        queue.enqueue(List.of(event.ref()));
        return event.ref();
    }

    /** Plays the queue like SQS for up to {@code span} of clock time. */
    private void drive(AlertDispatch dispatch, Duration span) {
        Instant end = CLOCK.instant().plus(span);
        while (true) {
            Optional<Instant> next = queue.nextDue();
            if (next.isEmpty() || next.get().isAfter(end)) {
                return;
            }
            if (next.get().isAfter(CLOCK.instant())) {
                CLOCK.set(next.get());
            }
            for (AlertRef ref : queue.takeDue()) {
                dispatch.handle(ref, CLOCK.instant().plusSeconds(30));
            }
        }
    }

    private AlertRecord stored(AlertRef ref) {
        return alerts.get(ref).orElseThrow();
    }

    @Test
    void retriesDuringAnOutage_shouldMakeOneTicket() {
        sandbox.control().faults(FaultPlan.builder().next(ScriptedFault.serverError(503), ScriptedFault.serverError(503),
                ScriptedFault.rateLimited(2), ScriptedFault.serverError(500), ScriptedFault.serverError(503),
                ScriptedFault.serverError(502)).build());
        AlertRef ref = raise("a1", Optional.empty());

        drive(dispatch(), Duration.ofHours(1));

        AlertRecord done = stored(ref);
        assertEquals(AlertStage.TICKETED, done.stage(), done.toString());
        assertEquals(1, SandboxAlerts.withAlertId(sandbox.control(), partner.integrationId(), ref.alertId().value()),
                "one ticket in Gradient");
        JsonNode ticket = SandboxAlerts.of(sandbox.control(), partner.integrationId()).get(0);
        assertEquals(done.ticketId().orElseThrow(), ticket.path("ticketId").asText());
        assertEquals("Sauvegarde échouée \uD83D\uDD25", ticket.path("title").asText(), "the title as raised");
    }

    @Test
    void aFailedAlert_shouldShowItsErrors() {
        sandbox.control().config(ConfigUpdate.builder().alertFailRate(1).build());
        AlertRef ref = raise("a1", Optional.empty());

        drive(dispatch(), Duration.ofHours(1));

        AlertRecord done = stored(ref);
        assertEquals(AlertStage.FAILED, done.stage());
        assertEquals(Optional.of(400), done.errorStatus());
        assertTrue(done.errors().get(0).contains("no board is mapped"), done.errors().toString());
        AlertListing.Listing listed = new AlertListing(alerts).list(partnerId, Optional.of("failed"), Optional.empty(), 10);
        assertEquals(1, listed.alerts().size());
        assertEquals(done.errors(), listed.alerts().get(0).errors());
    }

    @Test
    void aRepeatInsideTheWindow_shouldNotBeSent() {
        AlertRef first = raise("a1", Optional.of("disk-full"));
        drive(dispatch(), Duration.ofHours(1));
        assertEquals(AlertStage.TICKETED, stored(first).stage());
        AlertRef repeat = raise("a1", Optional.of("disk-full"));
        drive(dispatch(), Duration.ofMinutes(1));

        assertEquals(AlertStage.REPEAT, stored(repeat).stage());
        assertEquals(Optional.of(first.alertId().value()), stored(repeat).repeatOf());
        assertEquals(0, SandboxAlerts.withAlertId(sandbox.control(), partner.integrationId(), repeat.alertId().value()));
        assertEquals(1, SandboxAlerts.of(sandbox.control(), partner.integrationId()).size());
    }

    @Test
    void anUnknownOutcome_shouldEndUnconfirmedWithoutASecondSend() {
        // The sandbox answers after 1.5 s; the client gives up after 0.4 s: Gradient queued it, we cannot know.
        sandbox.control().faults(FaultPlan.builder().next(ScriptedFault.slow(1_500)).build());
        GradientClient impatient = GradientClient.builder().baseUri(java.net.URI.create(sandbox.baseUri())).clock(CLOCK)
                .options(GradientClientOptions.builder().requestTimeout(Duration.ofMillis(400))
                        .retry(RetryPolicy.defaults()).build())
                .build();
        AlertRef ref = raise("a1", Optional.empty());

        drive(dispatch(impatient, AlertPolicy.defaults()), Duration.ofHours(2));
        sleepPast(Duration.ofMillis(1_500)); // let the sandbox finish the slow request

        AlertRecord done = stored(ref);
        assertEquals(AlertStage.UNCONFIRMED, done.stage(), done.toString());
        assertTrue(done.lastError().orElseThrow().contains("outcome is unknown"), done.lastError().toString());
        assertEquals(1, SandboxAlerts.withAlertId(sandbox.control(), partner.integrationId(), ref.alertId().value()),
                "Gradient got it exactly once: the client did not retry the POST and the worker did not resend");
    }

    @Test
    void anUnmappedAccount_shouldWaitAndGoAfterTheSync() {
        AlertRef ref = raise("a3", Optional.empty());
        drive(dispatch(), Duration.ofHours(1));
        assertEquals(AlertStage.UNMAPPED, stored(ref).stage());

        sandbox.control().mapAccount(partner.integrationId(), "a3");
        new WaitingAlerts(alerts, queue).requeue(partnerId);
        drive(dispatch(), Duration.ofHours(1));
        assertEquals(AlertStage.TICKETED, stored(ref).stage());
        assertEquals(1, SandboxAlerts.withAlertId(sandbox.control(), partner.integrationId(), ref.alertId().value()));
    }

    private static void sleepPast(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
