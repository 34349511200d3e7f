package io.gradientconnector.vendorevents;

import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.testing.InMemoryStores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.testing.InMemoryUsageQueue;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.PendingDeliveries;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.InMemoryPendingDeliveries;
import java.util.List;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.app.events.VendorEventsService;
import io.gradientconnector.domain.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler replaying the example deliveries of {@code events/vendor-events/} against in-memory collaborators. */
class VendorEventsHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(WebhookEvents.EXAMPLE_TIME);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final InMemoryUsageQueue queue = InMemoryUsageQueue.create();
    private final io.gradientconnector.testing.InMemoryAlertQueue alertQueue =
            new io.gradientconnector.testing.InMemoryAlertQueue(clock);
    private ConnectorStores stores;
    private VendorEventsHandler handler;

    @BeforeEach
    void setUp() {
        stores = InMemoryStores.create(clock, Duration.ofDays(30));
        stores.partners().save(PartnerRecord.builder(PartnerId.of("partner-123"), clock.instant())
                .status(PartnerStatus.ACTIVE).build());
        handler = handler(stores.journal());
    }

    private final InMemoryPendingDeliveries deliveries = InMemoryPendingDeliveries.create();

    private VendorEventsHandler handler(EventJournal journal) {
        return handler(journal, deliveries);
    }

    private VendorEventsHandler handler(EventJournal journal, PendingDeliveries staged) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        JsonLog log = JsonLog.builder().function(VendorEventsHandler.FUNCTION).out(print).clock(clock).build();
        VendorEventsService service = VendorEventsService.builder()
                .keyVault(InMemoryKeyVault.create(Secret.of("vendor-key"),
                        WebhookSecrets.of(Secret.of(WebhookEvents.EXAMPLE_SECRET))))
                .catalog(ServiceCatalogFile.example())
                .journal(journal).ledger(stores.ledger()).partners(stores.partners())
                .queue(queue).alertQueue(alertQueue).deliveries(staged)
                .clock(clock).log(log)
                .build();
        return new VendorEventsHandler(service, log,
                Metrics.builder().function(VendorEventsHandler.FUNCTION).out(print).clock(clock).build(), clock);
    }

    @AfterEach
    void noSecretWritten() {
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(WebhookEvents.EXAMPLE_SECRET));
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws IOException {
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        return JSON.readTree(response.getBody());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"usage-set.json,1", "usage-add.json,1", "usage-subtract.json,1", "account-upserted.json,1",
            "account-deleted.json,1", "batch.json,5", "alert-raised.json,1"})
    void handleRequest_shouldAnswer202_whenAnExampleIsReplayedAtItsTimestamp(String file, int events) throws IOException {
        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load(file), null);

        assertEquals(202, response.getStatusCode());
        JsonNode body = body(response);
        assertEquals(events, body.path("accepted").asInt());
        assertEquals(0, body.path("duplicates").asInt());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"eventsAccepted\":" + events));
    }

    @Test
    void handleRequest_shouldAnswer202WithDuplicates_whenAnExampleIsReSignedAndRedeliveredLater() throws IOException {
        handler.handleRequest(WebhookEvents.load("batch.json"), null);
        queue.drain();
        clock.advance(Duration.ofDays(3));

        APIGatewayProxyResponseEvent again = handler.handleRequest(
                WebhookEvents.resign(WebhookEvents.load("batch.json"), WebhookEvents.EXAMPLE_SECRET, clock.instant()), null);

        assertEquals(202, again.getStatusCode());
        assertEquals(5, body(again).path("duplicates").asInt());
        assertEquals(2, queue.requests().size(), "both usage rows of the batch are queued again");
    }

    @Test
    void handleRequest_shouldAnswer401NamingTheHeader_whenTheSignatureDoesNotMatch() throws IOException {
        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("bad-signature.json"), null);

        assertEquals(401, response.getStatusCode());
        assertEquals(WebhookSignature.SIGNATURE_HEADER, body(response).path("field").asText());
        assertTrue(queue.requests().isEmpty());
    }

    @Test
    void handleRequest_shouldAnswer401NamingTheTimestamp_whenAnExampleIsReplayedLaterUnchanged() throws IOException {
        clock.set(WebhookEvents.EXAMPLE_TIME.plusSeconds(301));

        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("usage-set.json"), null);

        assertEquals(401, response.getStatusCode());
        assertEquals(WebhookSignature.TIMESTAMP_HEADER, body(response).path("field").asText());
    }

    @Test
    void handleRequest_shouldRecordTheAlertOnceAndQueueIt_whenTheExampleIsDeliveredTwice() throws IOException {
        assertEquals(202, handler.handleRequest(WebhookEvents.load("alert-raised.json"), null).getStatusCode());
        JsonNode again = body(handler.handleRequest(WebhookEvents.load("alert-raised.json"), null));
        assertEquals(0, again.path("accepted").asInt());
        assertEquals(1, again.path("duplicates").asInt());

        io.gradientconnector.testing.InMemoryAlertStore alerts = InMemoryStores.alerts(stores);
        var listed = alerts.list(PartnerId.of("partner-123"), java.util.Set.of(), Optional.empty(), 10).items();
        assertEquals(1, listed.size(), "one alert per alert id");
        var alert = listed.get(0).event();
        assertEquals("alert-0001", alert.id().value());
        assertEquals("Backup failed on SRV-01 \u2014 3 jobs", alert.title(), "the title exactly as sent");
        assertEquals(Optional.of("backup-failed-SRV-01"), alert.dedupKey());
        assertEquals(2, alertQueue.takeDue().size(), "queued on each delivery; the worker decides from the stage");
    }

    @Test
    void handleRequest_shouldAnswer400NamingThePriority_andRecordNoAlert_whenItIsOutOfRange() throws IOException {
        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("alert-invalid-priority.json"), null);

        assertEquals(400, response.getStatusCode());
        assertEquals("priority", body(response).path("field").asText());
        assertEquals(0, InMemoryStores.alerts(stores).list(PartnerId.of("partner-123"), java.util.Set.of(),
                Optional.empty(), 10).items().size());
        assertEquals(0, alertQueue.size());
    }

    @Test
    void handleRequest_shouldAnswer400NamingTheField_whenTheQuantityIsAString() throws IOException {
        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("invalid-quantity.json"), null);

        assertEquals(400, response.getStatusCode());
        JsonNode body = body(response);
        assertEquals("quantity", body.path("field").asText());
        assertEquals("must be a JSON number", body.path("errors").get(0).path("message").asText());
        assertTrue(stores.ledger().list(PartnerId.of("partner-123"), Optional.empty(), 10).items().isEmpty());
    }

    @Test
    void handleRequest_shouldAcceptTheBody_whenApiGatewayBase64EncodedIt() {
        APIGatewayProxyRequestEvent event = WebhookEvents.load("usage-set.json");
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertEquals(202, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void handleRequest_shouldAnswer413_whenTheBodyIsOverTheLimit() throws IOException {
        String huge = "{\"events\":[],\"pad\":\"" + "x".repeat(VendorEventsService.MAX_BODY_BYTES) + "\"}";
        Instant now = clock.instant();

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                WebhookEvents.signed(huge, WebhookEvents.EXAMPLE_SECRET, now), null);

        assertEquals(413, response.getStatusCode());
        assertEquals("payload_too_large", body(response).path("error").asText());
    }

    @Test
    void handleRequest_shouldAnswer503Unavailable_whenTheDeliveryCannotBeRecorded() {
        handler = handler(stores.journal(), new PendingDeliveries() {
            @Override
            public void stage(StagedDelivery delivery) {
                throw new StoreUnavailableException("DynamoDB failed deliveries.stage", new RuntimeException("throttled"));
            }

            @Override
            public void complete(String deliveryId) {
            }

            @Override
            public List<StagedDelivery> stagedBefore(Instant stagedBefore, int limit) {
                return List.of();
            }
        });

        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("usage-set.json"), null);

        assertEquals(503, response.getStatusCode());
        assertEquals("{\"error\":\"unavailable\",\"message\":\"events could not be stored right now; retry the delivery\"}",
                response.getBody());
        assertTrue(queue.requests().isEmpty());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"failures\":1"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void handleRequest_shouldAnswer202WithThePendingCount_whenRecordedButTheJournalFailsAfterwards() {
        handler = handler(event -> {
            throw new StoreUnavailableException("DynamoDB failed journal.record", new RuntimeException("throttled"));
        });

        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("usage-set.json"), null);

        assertEquals(202, response.getStatusCode());
        assertEquals("{\"accepted\":0,\"duplicates\":0,\"pending\":1}", response.getBody());
        assertEquals(1, deliveries.all().size(), "recorded, for the sweep to apply");
    }

    @Test
    void handleRequest_shouldAnswer503AndRecordNothing_whenLambdaHasTooLittleTimeLeft() {
        // 5 s margin + less than the 2 s the commit point needs.
        APIGatewayProxyResponseEvent response = handler.handleRequest(WebhookEvents.load("usage-set.json"),
                new FakeLambdaContext(6_500));

        assertEquals(503, response.getStatusCode());
        assertTrue(deliveries.all().isEmpty());
        assertTrue(stores.ledger().list(PartnerId.of("partner-123"), Optional.empty(), 10).items().isEmpty());
    }

    @Test
    void handleRequest_shouldAnswerTheSameErrorBodies_whenDeliveriesAreRefused() {
        Instant now = clock.instant();
        String tooLarge = "x".repeat(VendorEventsService.MAX_BODY_BYTES + 1);
        APIGatewayProxyRequestEvent badBase64 = WebhookEvents.load("usage-set.json");
        badBase64.setBody("not base64!");
        badBase64.setIsBase64Encoded(true);

        assertEquals("{\"error\":\"payload_too_large\",\"message\":\"body exceeds 262144 bytes\"}",
                handler.handleRequest(WebhookEvents.signed(tooLarge, WebhookEvents.EXAMPLE_SECRET, now), null).getBody());
        assertEquals("{\"error\":\"invalid_request\",\"message\":\"body: is not valid JSON (line 1, column 13)\","
                        + "\"field\":\"body\",\"errors\":[{\"field\":\"body\",\"message\":\"is not valid JSON (line 1, column 13)\"}]}",
                handler.handleRequest(WebhookEvents.signed("{\"events\": [", WebhookEvents.EXAMPLE_SECRET, now), null)
                        .getBody());
        assertEquals("{\"error\":\"invalid_request\",\"message\":\"body: is not valid base64\",\"field\":\"body\","
                        + "\"errors\":[{\"field\":\"body\",\"message\":\"is not valid base64\"}]}",
                handler.handleRequest(badBase64, null).getBody());
        String unsigned = handler.handleRequest(WebhookEvents.signed("{}", "another-secret", now), null).getBody();
        assertTrue(unsigned.startsWith("{\"error\":\"invalid_signature\",\"message\":\""), unsigned);
        assertTrue(unsigned.endsWith("\",\"field\":\"" + WebhookSignature.SIGNATURE_HEADER + "\"}"), unsigned);
    }
}
