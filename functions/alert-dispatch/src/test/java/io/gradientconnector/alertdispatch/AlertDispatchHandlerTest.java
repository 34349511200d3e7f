package io.gradientconnector.alertdispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.gradientconnector.app.alerts.AlertDispatch;
import io.gradientconnector.app.alerts.AlertPolicy;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.InMemoryAlertQueue;
import io.gradientconnector.testing.InMemoryAlertStore;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.MutableClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker replaying {@code events/alert-dispatch/} against the dispatch use case over in-memory fakes. */
class AlertDispatchHandlerTest {
    private static final String PARTNER_KEY = "PARTNERSECRET-handler";
    private static final String VENDOR_KEY = "VENDORSECRET-handler";

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:02Z");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final InMemoryAlertStore alerts = InMemoryStores.alerts(stores);
    private final InMemoryAlertQueue queue = new InMemoryAlertQueue(clock);
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final AlertRef ref = new AlertRef(PartnerId.of("partner-123"), EventId.of("alert-0001"),
            Instant.parse("2024-12-31T23:59:30Z"));
    private AlertDispatchHandler handler;

    static SQSEvent load(String file) throws IOException {
        return EventLoader.loadSQSEvent(Path.of(System.getProperty("connector.root", "../.."), "events", "alert-dispatch",
                file).toString());
    }

    @BeforeEach
    void connectedPartnerWithARecordedAlert() {
        gradient.accept(PARTNER_KEY, "Contoso MSP", IntegrationStatus.ACTIVE);
        gradient.addAccounts(PARTNER_KEY, "acct-1001");
        gradient.map(PARTNER_KEY, "acct-1001");
        InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(VENDOR_KEY), WebhookSecrets.of(Secret.of("whsec")));
        vault.putPartnerKey(ref.partnerId(), Secret.of(PARTNER_KEY));
        stores.partners().save(PartnerRecord.builder(ref.partnerId(), clock.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(PARTNER_KEY).fingerprint()).build());
        stores.journal().record(new VendorEvent.AlertRaised(ref.alertId(), ref.partnerId(), ref.occurredAt(),
                AccountId.of("acct-1001"), "Backup failed", "Nightly backup failed", 3, 1, Optional.empty(),
                Optional.empty()));
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        JsonLog log = JsonLog.builder().function(AlertDispatchHandler.FUNCTION).out(print).clock(clock).build();
        Metrics metrics = Metrics.builder().function(AlertDispatchHandler.FUNCTION).out(print).clock(clock).build();
        handler = new AlertDispatchHandler(new AlertDispatch(alerts, queue, stores.partners(), stores.catalog(), vault,
                gradient, AlertPolicy.defaults(), clock, log, metrics), clock, log, metrics);
    }

    @Test
    void handleRequest_shouldSendTheAlertAndQueueItsConfirmation_whenGivenTheExample() throws IOException {
        SQSBatchResponse response = handler.handleRequest(load("sqs-alert.json"), new FakeLambdaContext(60_000));

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(AlertStage.SENT, alerts.get(ref).orElseThrow().stage());
        assertEquals(1, gradient.alerts(PARTNER_KEY).size());
        assertEquals(List.of(AlertPolicy.defaults().firstPoll()), queue.delays(), "the first look is queued, delayed");
        String output = out.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("\"alertsSent\""), output);
        assertFalse(output.contains(PARTNER_KEY) || output.contains(VENDOR_KEY), "a key reached the log");
    }

    @Test
    void handleRequest_shouldChangeNothing_whenTheSameMessageComesAgain() throws IOException {
        handler.handleRequest(load("sqs-alert.json"), new FakeLambdaContext(60_000));
        SQSBatchResponse again = handler.handleRequest(load("sqs-alert.json"), new FakeLambdaContext(60_000));
        assertEquals(List.of(), again.getBatchItemFailures());
        assertEquals(1, gradient.alerts(PARTNER_KEY).size(), "a redelivered message only reads the debug route");
    }

    @Test
    void handleRequest_shouldReportThePoisonMessage_soItReachesTheDeadLetterQueue() throws IOException {
        SQSBatchResponse response = handler.handleRequest(load("sqs-poison-message.json"), new FakeLambdaContext(60_000));
        assertEquals(List.of("8d2e3f4a-5b6c-4d7e-9f0a-1b2c3d4e5f60"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(0, gradient.alerts(PARTNER_KEY).size());
    }

    @Test
    void handleRequest_shouldReportTheMessage_whenTheStoreFails() throws IOException {
        alerts.failing(true);
        SQSBatchResponse response = handler.handleRequest(load("sqs-alert.json"), new FakeLambdaContext(60_000));
        assertEquals(1, response.getBatchItemFailures().size(), "redelivered by SQS");
        alerts.failing(false);
        assertEquals(AlertStage.QUEUED, alerts.get(ref).orElseThrow().stage());
    }
}
