package io.gradientconnector.partnerkey;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.app.partner.PartnerFixture;
import io.gradientconnector.app.report.ReportUseCases;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.testing.InMemoryPushAuditLog;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import io.gradientconnector.app.sync.SyncPreview;
import io.gradientconnector.lambda.ServiceCatalogFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partners list, report and push-history routes over in-memory fakes, replaying {@code events/partner-key/}. */
class ReportRoutesTest {
    private static final String PARTNER = "partner-1001"; // the id inside the event files

    private final PartnerFixture f = new PartnerFixture();
    private final InMemoryPushAuditLog audit = new InMemoryPushAuditLog();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private final PartnerKeyHandler handler = new PartnerKeyHandler(f.useCases,
            ReportUseCases.create(f.stores.partners(), f.stores.ledger(), f.stores.catalog(), audit,
                    ServiceCatalogFile.example()),
            new SyncPreview(f.stores, f.vault, f.gradient, ServiceCatalogFile.example()),
            JsonLog.builder().function("partner-key").out(out).clock(f.clock).build(),
            Metrics.builder().function("partner-key").out(out).clock(f.clock).build(), f.clock);

    private APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, null);
    }

    private static APIGatewayProxyRequestEvent query(String file, Map<String, String> query) {
        return ApiEvents.withQuery(ApiEvents.load(file), query);
    }

    private void partner(String id, PartnerStatus status) {
        f.stores.partners().save(PartnerRecord.builder(PartnerId.of(id), f.clock.instant()).status(status)
                .keyFingerprint("fp").build());
    }

    private void assertBadField(APIGatewayProxyResponseEvent response, String field) {
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(field, ApiEvents.body(response).path("field").asText(), response.getBody());
    }

    @Test
    void listPartners_shouldAnswerThePartnersInTheRequestedStatus() {
        partner("p-a", PartnerStatus.NEEDS_KEY);
        partner("p-b", PartnerStatus.ACTIVE);
        partner("p-c", PartnerStatus.NEEDS_KEY);
        f.stores.journal().record(TestEvents.set("e1", PartnerId.of("p-c"), "x", "backup-server", "3", 1));

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("list-partners.json"));

        assertEquals(200, response.getStatusCode());
        JsonNode body = ApiEvents.body(response);
        assertEquals(2, body.path("partners").size());
        assertEquals("p-a", body.path("partners").get(0).path("partnerId").asText());
        assertEquals("NEEDS_KEY", body.path("partners").get(1).path("status").asText());
        assertEquals(1, body.path("partners").get(1).path("rows").path("pending").asInt());
        assertTrue(body.path("nextCursor").isNull());
    }

    @Test
    void listPartners_shouldPageWithTheReturnedCursor() {
        for (int i = 0; i < 5; i++) {
            partner("p-" + i, PartnerStatus.ACTIVE);
        }
        List<String> seen = new java.util.ArrayList<>();
        Map<String, String> q = new HashMap<>(Map.of("limit", "2"));
        String cursor;
        do {
            JsonNode body = ApiEvents.body(handle(query("list-partners.json", q)));
            body.path("partners").forEach(p -> seen.add(p.path("partnerId").asText()));
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            q.put("cursor", String.valueOf(cursor));
        } while (cursor != null);
        assertEquals(List.of("p-0", "p-1", "p-2", "p-3", "p-4"), seen);
    }

    @ParameterizedTest
    @CsvSource({"status,sleeping", "limit,0", "limit,101", "limit,ten", "limit,-1", "cursor,not*base64",
            "cursor,bm90LWEtY3Vyc29y"})
    void listPartners_shouldAnswer400NamingTheField_whenAQueryValueIsBad(String field, String value) {
        assertBadField(handle(query("list-partners.json", Map.of(field, value))), field);
    }

    @Test
    void report_shouldAnswer404_forAnUnknownPartner() {
        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("get-report.json"));
        assertEquals(404, response.getStatusCode());
        assertEquals("partner_not_found", ApiEvents.body(response).path("error").asText());
    }

    @Test
    void report_shouldAnswerJson_andCsvQuotedAsRfc4180() {
        partner(PARTNER, PartnerStatus.ACTIVE);
        PartnerId id = PartnerId.of(PARTNER);
        f.stores.journal().record(TestEvents.set("e1", id, "Acme, \"Dental\"", "backup-server", "1000", 1));
        f.stores.journal().record(TestEvents.set("e2", id, "plain", "backup-server", "2.5", 1));
        UsageRowKey plain = new UsageRowKey(id, AccountId.of("plain"), ServiceKey.of("backup-server"));
        var row = f.stores.ledger().get(plain).orElseThrow();
        f.stores.ledger().recordPushResult(plain, row.version(), row.count(), PushState.PUSHED, Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z"));

        JsonNode json = ApiEvents.body(handle(ApiEvents.load("get-report.json")));
        assertEquals(1000, json.path("lines").get(0).path("ledgerCount").asInt());
        assertEquals("1000", json.path("lines").get(0).path("ledgerCount").toString(), "a plain number");
        assertEquals("pending", json.path("lines").get(0).path("state").asText());
        assertEquals("pushed", json.path("lines").get(1).path("state").asText());
        assertEquals("0", json.path("lines").get(1).path("difference").toString());

        APIGatewayProxyResponseEvent csv = handle(ApiEvents.load("get-report-csv.json"));
        assertEquals(200, csv.getStatusCode());
        assertTrue(csv.getHeaders().get("Content-Type").startsWith("text/csv"));
        assertEquals("accountId,service,ledgerCount,confirmedCount,confirmedAt,lastAttemptAt,state,difference,lastError\r\n"
                + "\"Acme, \"\"Dental\"\"\",backup-server,1000,,,,pending,1000,\r\n"
                + "plain,backup-server,2.5,2.5,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,pushed,0,\r\n", csv.getBody());
    }

    @Test
    void pushes_shouldListTheAuditTrailOfOneRow_newestFirst() {
        partner(PARTNER, PartnerStatus.ACTIVE);
        f.stores.catalog().put(ServiceKey.of("backup-server"), "sku-123", "Backup Server");
        PartnerId id = PartnerId.of(PARTNER);
        for (int i = 0; i < 3; i++) {
            audit.record(new PushAttempt(id, AccountId.of("acct-1"), "sku-123",
                    Instant.parse("2026-01-01T00:00:0" + i + "Z"), "set", BigDecimal.valueOf(i), i < 2,
                    PushAttempt.Outcome.APPLIED, 201, "req-" + i));
        }

        APIGatewayProxyResponseEvent response = handle(ApiEvents.load("list-pushes.json"));

        assertEquals(200, response.getStatusCode());
        JsonNode body = ApiEvents.body(response);
        assertEquals("sku-123", body.path("gradientServiceId").asText());
        assertEquals(List.of("req-2", "req-1", "req-0"),
                java.util.stream.StreamSupport.stream(body.path("pushes").spliterator(), false)
                        .map(p -> p.path("requestId").asText()).toList());
        assertEquals(false, body.path("pushes").get(0).path("noBuild").asBoolean());
        assertEquals(201, body.path("pushes").get(0).path("httpStatus").asInt());
    }

    @ParameterizedTest
    @CsvSource({"accountId,''", "service,Backup Server", "service,''", "limit,501"})
    void pushes_shouldAnswer400NamingTheField_whenAQueryValueIsBad(String field, String value) {
        partner(PARTNER, PartnerStatus.ACTIVE);
        Map<String, String> q = new HashMap<>(Map.of("accountId", "acct-1", "service", "backup-server"));
        q.put(field, value);
        assertBadField(handle(query("list-pushes.json", q)), field);
    }
}
