package io.gradientconnector.partnerkey;

import io.gradientconnector.app.sync.SyncPreview;
import io.gradientconnector.lambda.ServiceCatalogFile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PsaClient;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.app.partner.PartnerFixture;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.app.partner.PartnerUseCases;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryPushAuditLog;
import io.gradientconnector.app.report.ReportUseCases;
import io.gradientconnector.domain.PartnerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handler over in-memory fakes, replaying the events of {@code events/partner-key/}. */
class PartnerKeyHandlerTest {
    private static final String PARTNER = "partner-1001"; // the id inside the event files

    private final PartnerFixture f = new PartnerFixture();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private final List<String> bodies = new ArrayList<>();
    private final InMemoryPushAuditLog audit = new InMemoryPushAuditLog();
    private final ReportUseCases reports = ReportUseCases.create(f.stores.partners(), f.stores.ledger(),
            f.stores.catalog(), audit, ServiceCatalogFile.example());
    private PartnerKeyHandler handler = handler(f.useCases);

    private PartnerKeyHandler handler(PartnerUseCases useCases) {
        return new PartnerKeyHandler(useCases, reports,
                new SyncPreview(f.stores, f.vault, f.gradient, ServiceCatalogFile.example()),
                JsonLog.builder().function("partner-key").out(out).clock(f.clock).level(JsonLog.Level.DEBUG).build(),
                Metrics.builder().function("partner-key").out(out).clock(f.clock).build(), f.clock);
    }

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
        bodies.add(String.valueOf(response.getBody()));
        bodies.add(String.valueOf(response.getHeaders()));
        return response;
    }

    private APIGatewayProxyResponseEvent putFixtureKey() {
        return handle(ApiEvents.put(PARTNER, f.partnerKey));
    }

    @AfterEach
    void noKeyLeaked() {
        List<String> texts = new ArrayList<>(bodies);
        texts.add(output.toString(StandardCharsets.UTF_8));
        String token = new GradientCredentials(f.vendorKey, f.partnerKey).token();
        for (String text : texts) {
            for (String secret : List.of(f.partnerKey, f.vendorKey, token, "example-partner-api-key-0001")) {
                assertFalse(text.contains(secret), "a key leaked into: " + text);
            }
        }
    }

    @Test
    void put_shouldAnswer200WithTheView_whenGradientAcceptsTheKey() {
        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(200, response.getStatusCode());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode view = ApiEvents.body(response);
        assertEquals(PARTNER, view.path("partnerId").asText());
        assertEquals("PENDING", view.path("status").asText());
        assertTrue(view.path("gradient").path("reachable").asBoolean());
        assertEquals("pending", view.path("gradient").path("status").asText());
        assertEquals(Secret.of(f.partnerKey).fingerprint(), view.path("keyFingerprint").asText());
        assertEquals(0, view.path("accounts").path("known").asInt());
        assertTrue(view.has("lastSyncAt") && view.path("lastSyncAt").isNull());
        assertEquals(1, f.syncQueue.requests().size());
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("partner key verified and stored"));
    }

    @Test
    void put_shouldAnswer422AndStoreNothing_whenGradientRejectsTheKey() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("put-key-rejected.json"));

        assertEquals(422, response.getStatusCode());
        assertEquals("partner_key_rejected", ApiEvents.body(response).path("error").asText());
        assertNothingStored();
    }

    @Test
    void put_shouldAnswer502GradientForbidden_whenGradientAnswers403() {
        f.gradient.failNext(new ForbiddenException("GET /api/vendor-api/organization", "anomaly"));

        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(502, response.getStatusCode());
        JsonNode error = ApiEvents.body(response);
        assertEquals("gradient_forbidden", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("Contact Gradient support"));
        assertNothingStored();
    }

    @Test
    void put_shouldAnswer503WithRetryAfter_whenGradientThrottlesPastTheRetries() {
        f.gradient.failNext(new RateLimitedException("GET /api/vendor-api/organization", "",
                Optional.of(Duration.ofMillis(2500))));

        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(503, response.getStatusCode());
        assertEquals("gradient_throttled", ApiEvents.body(response).path("error").asText());
        assertEquals("3", response.getHeaders().get("Retry-After"));
        assertNothingStored();
    }

    @Test
    void put_shouldAnswer502_whenGradientIsDown() {
        f.gradient.failNext(new ServerErrorException(500, "GET /api/vendor-api/organization", "boom"));

        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(502, response.getStatusCode());
        assertEquals("gradient_unavailable", ApiEvents.body(response).path("error").asText());
        assertNothingStored();
    }

    @Test
    void put_shouldAnswer409_whenAnotherSubmissionHoldsTheLock() {
        f.locks.tryAcquire(PartnerId.of(PARTNER), "other", f.clock.instant(), Duration.ofSeconds(60));

        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(409, response.getStatusCode());
        assertEquals("submission_in_progress", ApiEvents.body(response).path("error").asText());
        assertEquals("1", response.getHeaders().get("Retry-After"));
        assertTrue(f.vault.partnerKey(PartnerId.of(PARTNER)).isEmpty());
    }

    @Test
    void put_shouldAnswer400NamingMove_whenMoveIsNotABoolean() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.forPartner("put-key.json", PARTNER)
                .withBody("{\"partnerApiKey\": \"" + f.partnerKey + "\", \"move\": \"yes\"}"));

        assertEquals(400, response.getStatusCode());
        assertEquals("move", ApiEvents.body(response).path("field").asText());
        assertNothingStored();
        assertEquals(java.util.List.of(), f.gradient.calls());
    }

    @Test
    void put_shouldAnswer409OrganizationMismatch_unlessTheRequestAsksToMove() {
        putFixtureKey();
        String otherKey = "OTHERORGKEY-" + f.partnerKey;
        f.gradient.accept(otherKey, "Fabrikam MSP", io.gradientconnector.port.gradient.IntegrationStatus.INACTIVE);

        APIGatewayProxyResponseEvent refused = handle(ApiEvents.put(PARTNER, otherKey));

        assertEquals(409, refused.getStatusCode());
        assertEquals("organization_mismatch", ApiEvents.body(refused).path("error").asText());
        assertEquals(Secret.of(f.partnerKey), f.vault.partnerKey(PartnerId.of(PARTNER)).orElseThrow());

        APIGatewayProxyResponseEvent moved = handle(ApiEvents.forPartner("put-key.json", PARTNER)
                .withBody("{\"partnerApiKey\": \"" + otherKey + "\", \"move\": true}"));

        assertEquals(200, moved.getStatusCode());
        assertEquals("Fabrikam MSP", ApiEvents.body(moved).path("organizationName").asText());
        assertEquals(Secret.of(otherKey), f.vault.partnerKey(PartnerId.of(PARTNER)).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
            "put-key-missing-key.json, partnerApiKey",
            "put-key-not-a-string.json, partnerApiKey",
            "put-key-invalid-key.json, partnerApiKey",
            "put-key-unknown-field.json, vendorKey",
            "put-key-malformed-json.json, body",
            "put-key-invalid-partner-id.json, partnerId",
            "list-clients-invalid-previous-id.json, previousId",
            "list-alerts-invalid-status.json, status"})
    void handleRequest_shouldAnswer400NamingTheField_whenTheInputIsMalformed(String event, String field) {
        if (event.startsWith("list-clients") || event.startsWith("list-alerts")) {
            putFixtureKey();
        }

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load(event));

        assertEquals(400, response.getStatusCode());
        JsonNode error = ApiEvents.body(response);
        assertEquals("invalid_request", error.path("error").asText());
        assertEquals(field, error.path("field").asText());
        if (event.startsWith("put-key")) {
            assertNothingStored();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "'', must be 8 to 512 characters",
            "'  short  ', must be 8 to 512 characters",
            "'has a space inside', must not contain whitespace",
            "'tab\tinside-key', must not contain whitespace"})
    void put_shouldAnswer400WithTheRule_whenTheKeyBreaksIt(String key, String rule) {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.put(PARTNER, key));

        assertEquals(400, response.getStatusCode());
        JsonNode error = ApiEvents.body(response);
        assertEquals("partnerApiKey", error.path("field").asText());
        assertTrue(error.path("message").asText().contains(rule), error.toString());
        assertNothingStored();
    }

    @Test
    void put_shouldTrimTheKey_whenItIsSurroundedByWhitespace() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.put(PARTNER, "  " + f.partnerKey + "\n"));

        assertEquals(200, response.getStatusCode());
        assertEquals(Optional.of(Secret.of(f.partnerKey)), f.vault.partnerKey(PartnerId.of(PARTNER)));
    }

    @Test
    void put_shouldAnswer413_whenTheBodyIsTooLarge() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.put(PARTNER, "k".repeat(5000)));

        assertEquals(413, response.getStatusCode());
        assertNothingStored();
    }

    @Test
    void get_shouldAnswer200WithTheView_whenConnected() {
        putFixtureKey();

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("get-integration.json"));

        assertEquals(200, response.getStatusCode());
        JsonNode view = ApiEvents.body(response);
        assertEquals("Contoso MSP", view.path("organizationName").asText());
        assertEquals("Contoso MSP", view.path("gradient").path("organizationName").asText());
        assertFalse(view.path("gradient").has("error"));
    }

    @Test
    void get_shouldReportTheRejectedKeyAndMarkNeedsKey_whenGradientAnswers401() {
        putFixtureKey();
        f.gradient.regenerate(f.partnerKey, "REGENERATED-KEY-1");

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("get-integration.json"));

        assertEquals(200, response.getStatusCode());
        JsonNode view = ApiEvents.body(response);
        assertFalse(view.path("gradient").path("reachable").asBoolean());
        assertEquals("partner key rejected", view.path("gradient").path("error").asText());
        assertEquals("NEEDS_KEY", view.path("status").asText());
    }

    @Test
    void get_shouldAnswer404_whenThePartnerIsUnknown() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("get-integration-unknown-partner.json"));

        assertEquals(404, response.getStatusCode());
        assertEquals("partner_not_found", ApiEvents.body(response).path("error").asText());
    }

    @Test
    void delete_shouldAnswer204ThenKeep204AndMakeGetAnswer404_whenConnected() {
        putFixtureKey();

        APIGatewayProxyResponseEvent first = handle(ApiEvents.load("delete-key.json"));
        APIGatewayProxyResponseEvent again = handle(ApiEvents.load("delete-key.json"));

        assertEquals(204, first.getStatusCode());
        assertNull(first.getBody());
        assertEquals(204, again.getStatusCode());
        assertEquals(IntegrationStatus.INACTIVE, f.gradient.status(f.partnerKey));
        assertTrue(f.vault.partnerKey(PartnerId.of(PARTNER)).isEmpty());
        assertEquals(404, handle(ApiEvents.load("get-integration.json")).getStatusCode());
    }

    @Test
    void delete_shouldAnswer404_whenThePartnerIsUnknown() {
        assertEquals(404, handle(ApiEvents.load("delete-key.json")).getStatusCode());
    }

    @Test
    void sync_shouldAnswer202Queued_whenConnected() {
        putFixtureKey();
        f.syncQueue.drain();

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("request-sync.json"));

        assertEquals(202, response.getStatusCode());
        assertEquals("{\"queued\":true}", response.getBody());
        assertEquals(1, f.syncQueue.requests().size());
    }

    @Test
    void sync_shouldAnswer409PartnerNeedsKey_whenTheKeyWasRejected() {
        putFixtureKey();
        f.stores.partners().markNeedsKey(PartnerId.of(PARTNER), Secret.of(f.partnerKey).fingerprint(), "rejected",
                f.clock.instant());

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("request-sync.json"));

        assertEquals(409, response.getStatusCode());
        assertEquals("partner_needs_key", ApiEvents.body(response).path("error").asText());
    }

    @Test
    void syncDryRun_shouldAnswer200WithThePlan_andQueueNothingCallNoWriteRoute_whenConnected() {
        putFixtureKey();
        f.syncQueue.drain();
        f.stores.journal().record(io.gradientconnector.testing.TestEvents.upsert("d1", PartnerId.of(PARTNER), "acct-9",
                "Acme Dental", 1));
        f.stores.journal().record(io.gradientconnector.testing.TestEvents.set("d2", PartnerId.of(PARTNER), "acct-9",
                "backup-server", "3", 2));
        f.gradient.clearCalls();

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("request-sync-dry-run.json"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        var plan = ApiEvents.body(response);
        assertEquals(true, plan.path("dryRun").asBoolean());
        assertEquals("acct-9", plan.path("accountsToCreate").path(0).path("accountId").asText());
        assertEquals("backup-server", plan.path("pushes").path(0).path("service").asText());
        assertEquals("3", plan.path("pushes").path(0).path("count").asText());
        assertEquals(ServiceCatalogFile.example().services().size(), plan.path("servicesToCreate").size());
        assertEquals(List.of(), f.syncQueue.requests());
        assertFalse(f.gradient.calls().isEmpty(), "Gradient was read");
        assertTrue(f.gradient.calls().stream().allMatch(c -> c.startsWith("GET ")), f.gradient.calls().toString());
    }

    @Test
    void syncDryRun_shouldAnswer400NamingDryRun_whenItIsNotTrueOrFalse() {
        putFixtureKey();
        f.syncQueue.drain();

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("request-sync-invalid-dry-run.json"));

        assertEquals(400, response.getStatusCode());
        assertEquals("dryRun", ApiEvents.body(response).path("field").asText());
        assertEquals(List.of(), f.syncQueue.requests());
    }

    @Test
    void sync_shouldAnswer404_whenThePartnerIsUnknown() {
        assertEquals(404, handle(ApiEvents.load("request-sync.json")).getStatusCode());
    }

    @Test
    void clients_shouldAnswerOnePage_whenConnected() {
        putFixtureKey();
        f.gradient.clients(f.partnerKey, List.of(
                new PsaClient("00000000-0000-4000-8000-000000000001", "Contoso Pharmacy", Map.of()),
                new PsaClient("00000000-0000-4000-8000-000000000002", "Northwind", Map.of())));

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("list-clients.json"));

        assertEquals(200, response.getStatusCode());
        JsonNode page = ApiEvents.body(response);
        assertEquals(1, page.path("clients").size());
        assertEquals("Contoso Pharmacy", page.path("clients").path(0).path("name").asText());
        assertEquals("00000000-0000-4000-8000-000000000001", page.path("nextPreviousId").asText());
    }

    @Test
    void clients_shouldAnswer422AndMarkNeedsKey_whenGradientAnswers401() {
        putFixtureKey();
        f.gradient.regenerate(f.partnerKey, "REGENERATED-KEY-2");

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("list-clients.json"));

        assertEquals(422, response.getStatusCode());
        assertEquals(PartnerStatus.NEEDS_KEY, f.stores.partners().get(PartnerId.of(PARTNER)).orElseThrow().status());
    }

    private void raiseAlerts(int n) {
        for (int i = 0; i < n; i++) {
            f.stores.journal().record(new io.gradientconnector.domain.VendorEvent.AlertRaised(
                    io.gradientconnector.domain.EventId.of("al-" + i), PartnerId.of(PARTNER), f.clock.instant().plusSeconds(i),
                    io.gradientconnector.domain.AccountId.of("acct-1"), "Alert " + i, "d", 2, 1, Optional.empty(),
                    Optional.empty()));
        }
    }

    @Test
    void alerts_shouldListNewestFirstWithTheirOutcome_andTheViewShouldCountThem() {
        putFixtureKey();
        raiseAlerts(3);
        var alert0 = f.alerts.get(new io.gradientconnector.domain.AlertRef(PartnerId.of(PARTNER),
                io.gradientconnector.domain.EventId.of("al-0"), f.clock.instant())).orElseThrow();
        var claimed = alert0.sending(f.clock.instant());
        var sent = claimed.sent("m-0", f.clock.instant());
        assertTrue(f.alerts.update(claimed) && f.alerts.update(sent)
                && f.alerts.update(sent.failed(Optional.of(422), List.of("board not mapped"), f.clock.instant())));

        APIGatewayProxyResponseEvent all = handle(ApiEvents.load("list-alerts.json").withQueryStringParameters(Map.of()));
        assertEquals(200, all.getStatusCode());
        JsonNode page = ApiEvents.body(all);
        assertEquals(List.of("al-2", "al-1", "al-0"), page.path("alerts").findValuesAsText("alertId"));
        assertTrue(page.path("nextCursor").isNull());

        JsonNode failed = ApiEvents.body(handle(ApiEvents.load("list-alerts.json")));
        assertEquals(1, failed.path("alerts").size());
        assertEquals("failed", failed.path("alerts").path(0).path("status").asText());
        assertEquals(422, failed.path("alerts").path(0).path("errorStatus").asInt());
        assertEquals("board not mapped", failed.path("alerts").path(0).path("errors").path(0).asText());

        JsonNode paged = ApiEvents.body(handle(ApiEvents.load("list-alerts.json")
                .withQueryStringParameters(Map.of("limit", "2"))));
        assertEquals(2, paged.path("alerts").size());
        JsonNode rest = ApiEvents.body(handle(ApiEvents.load("list-alerts.json")
                .withQueryStringParameters(Map.of("limit", "2", "cursor", paged.path("nextCursor").asText()))));
        assertEquals(List.of("al-0"), rest.path("alerts").findValuesAsText("alertId"));

        JsonNode view = ApiEvents.body(handle(ApiEvents.load("get-integration.json")));
        JsonNode totals = view.path("alerts");
        assertEquals(1, totals.path("sent").asInt());
        assertEquals(1, totals.path("failed").asInt());
        assertEquals(2, totals.path("pending").asInt());
        assertEquals(0, totals.path("ticketed").asInt());
        assertEquals(f.clock.instant().plusSeconds(2).toString(), totals.path("lastAlertAt").asText());
    }

    @ParameterizedTest
    @CsvSource({"limit, 0", "limit, 201", "limit, ten", "cursor, not*a*cursor", "cursor, bm90IGEgY3Vyc29y", "status, lost"})
    void alerts_shouldAnswer400NamingTheField_whenAQueryParameterIsBad(String field, String value) {
        putFixtureKey();
        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("list-alerts.json")
                .withQueryStringParameters(Map.of(field, value)));
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(field, ApiEvents.body(response).path("field").asText());
    }

    @Test
    void alerts_shouldAnswer404_whenThePartnerIsUnknown() {
        assertEquals(404, handle(ApiEvents.load("list-alerts.json")).getStatusCode());
    }

    @Test
    void handleRequest_shouldAnswer404Json_whenTheRouteIsUnknown() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("unknown-route.json"));

        assertEquals(404, response.getStatusCode());
        assertEquals("route_not_found", ApiEvents.body(response).path("error").asText());
    }

    @Test
    void handleRequest_shouldAnswer405WithAllow_whenTheMethodDoesNotFitTheRoute() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("request-sync.json").withHttpMethod("GET"));

        assertEquals(405, response.getStatusCode());
        assertEquals("POST", response.getHeaders().get("Allow"));
    }

    @Test
    void handleRequest_shouldAnswer503_whenTheVendorKeyIsMissing() {
        handler = handler(f.builder().vault(InMemoryKeyVault.create()).build());

        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(503, response.getStatusCode());
        assertEquals("secrets_unavailable", ApiEvents.body(response).path("error").asText());
    }

    @Test
    void handleRequest_shouldAnswer503StorageUnavailable_whenTheStoreIsUnavailable() {
        PartnerStore down = (PartnerStore) java.lang.reflect.Proxy.newProxyInstance(
                PartnerStore.class.getClassLoader(), new Class<?>[] {PartnerStore.class}, (self, method, args) -> {
                    throw new StoreUnavailableException("DynamoDB failed partners." + method.getName(),
                            new RuntimeException("throttled"));
                });
        ConnectorStores stores = new ConnectorStores(down, f.stores.accounts(), f.stores.catalog(),
                f.stores.ledger(), f.stores.journal());
        handler = handler(f.builder().stores(stores).build());

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("get-integration.json"));

        assertEquals(503, response.getStatusCode());
        assertEquals("storage_unavailable", ApiEvents.body(response).path("error").asText());
    }

    @Test
    void handleRequest_shouldAnswerAGeneric500AndLogNoMessage_whenABugSurfaces() {
        String detail = "internal detail " + f.partnerKey.substring(0, 6);
        Gradient broken = new Gradient() {
            @Override
            public PartnerSession session(GradientCredentials credentials, Instant deadline) {
                throw new IllegalStateException(detail);
            }

            @Override
            public int accountChunkSize() {
                return 100;
            }
        };
        handler = handler(f.builder().gradient(broken).build());

        APIGatewayProxyResponseEvent response = putFixtureKey();

        assertEquals(500, response.getStatusCode());
        assertEquals("{\"error\":\"internal_error\",\"message\":\"internal error\"}", response.getBody());
        String log = output.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("\"errorType\":\"java.lang.IllegalStateException\""), log);
        assertFalse(log.contains(detail), log);
    }

    @Test
    void handleRequest_shouldAnswer400_whenTheEventIsNull() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(null, null);

        assertEquals(400, response.getStatusCode());
    }

    private void assertNothingStored() {
        PartnerId partner = PartnerId.of(PARTNER);
        assertTrue(f.vault.partnerKey(partner).isEmpty(), "no key stored");
        assertTrue(f.stores.partners().get(partner).isEmpty(), "no partner record");
        assertTrue(f.syncQueue.requests().isEmpty(), "no sync queued");
    }
}
