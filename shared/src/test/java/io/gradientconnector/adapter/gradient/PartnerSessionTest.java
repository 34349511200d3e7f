package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.AlertCreated;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.AlertState;
import io.gradientconnector.port.gradient.AlertStatus;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.NewOrganizationService;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.OrganizationServiceQuery;
import io.gradientconnector.port.gradient.PsaClient;
import io.gradientconnector.port.gradient.SavedAccount;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UnexpectedStatusException;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.port.gradient.UpdateOrganizationServiceRequest;
import io.gradientconnector.port.gradient.UpdateServiceRequest;
import io.gradientconnector.port.gradient.UpdateVendorRequest;
import io.gradientconnector.port.gradient.VendorProfile;

import io.gradientconnector.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.testing.RecordingLogger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartnerSessionTest {
    private static final GradientCredentials KEYS = new GradientCredentials("vendor-key-123", "partner-key-456");
    private static final String VENDOR_JSON = "{\"_id\":\"65a1\",\"id\":\"65a1\",\"name\":\"AcmeBackup\","
            + "\"integrationType\":\"custom\",\"isDistributor\":false,\"modules\":[{\"variation\":\"billing\"}],"
            + "\"skus\":[{\"_id\":\"s1\",\"id\":\"s1\",\"name\":\"Cloud Backup - Servers\",\"category\":\"backup\","
            + "\"subcategory\":\"cloud backup\"}],\"__v\":0}";
    private static final String INTEGRATION_JSON = "{\"organizationId\":\"o1\",\"name\":\"Contoso MSP\",\"vendorId\":\"65a1\","
            + "\"vendorName\":\"AcmeBackup\",\"integrationId\":\"i1\",\"status\":\"pending\","
            + "\"lastSyncedAt\":\"1900-01-01T00:00:00.000Z\"}";

    private final MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
    private final FakeTransport transport = new FakeTransport();
    private final PartnerSession session = client(GradientClientOptions.defaults()).session(KEYS);

    private GradientClient client(GradientClientOptions options) {
        return GradientClient.builder().baseUri("https://gradient.test").options(options).transport(transport)
                .clock(clock).sleeper(new RecordingSleeper(clock)).random(new FixedRandom(0))
                .rateLimiter(new RateLimiter(1000, 1000, clock, new RecordingSleeper(null)))
                .logger(new RecordingLogger()).build();
    }

    private static void assertCall(Transport.Request request, String method, String rawPath) {
        assertEquals(method, request.method());
        assertEquals(rawPath, request.uri().getRawPath());
        assertEquals("https", request.uri().getScheme());
        assertEquals(KEYS.token(), request.header("GRADIENT-TOKEN").orElseThrow());
        assertEquals("application/json", request.header("Accept").orElseThrow());
        assertEquals(GradientClientOptions.DEFAULT_USER_AGENT, request.header("User-Agent").orElseThrow());
        assertEquals(request.body() != null, request.header("Content-Type").isPresent());
    }

    // ---- vendor ------------------------------------------------------------------------------

    @Test
    void getVendor_shouldReadEnvelopedVendor_whenGradientAnswers200() {
        transport.respond(200, "{\"status\":200,\"message\":\"Success - Retrieved Vendor\",\"data\":" + VENDOR_JSON + "}");
        VendorProfile vendor = session.getVendor();
        assertCall(transport.onlyRequest(), "GET", "/api/vendor-api");
        assertNull(transport.onlyRequest().body());
        assertEquals("AcmeBackup", vendor.name());
        assertEquals(Boolean.FALSE, vendor.distributor());
        assertEquals("s1", vendor.skuNamed("Cloud Backup - Servers").orElseThrow().id());
        assertEquals("billing", vendor.modules().get(0).variation());
    }

    @Test
    void getVendor_shouldReadBareVendor_whenNotEnveloped() {
        transport.respond(200, VENDOR_JSON);
        assertEquals("65a1", session.getVendor().id());
    }

    @Test
    void updateVendor_shouldSendOnlySetFields_whenPatching() {
        transport.respond(200, "{\"status\":200,\"message\":\"ok\",\"data\":" + VENDOR_JSON + "}");
        session.updateVendor(UpdateVendorRequest.builder().description("new").build());
        assertCall(transport.onlyRequest(), "PATCH", "/api/vendor-api");
        assertEquals("{\"description\":\"new\"}", FakeTransport.body(transport.onlyRequest()));
        assertThrows(IllegalArgumentException.class, () -> UpdateVendorRequest.builder().build());
    }

    @Test
    void createService_shouldPostExactEnumStrings_whenCreatingSku() {
        transport.respond(201, VENDOR_JSON);
        VendorProfile vendor = session.createService(new CreateServiceRequest("Cloud Backup - Servers", "Per server",
                ServiceCategory.BACKUP, ServiceSubcategory.CLOUD_BACKUP, "https://acme.test/kb", null));
        assertCall(transport.onlyRequest(), "POST", "/api/vendor-api/service");
        assertEquals("{\"name\":\"Cloud Backup - Servers\",\"description\":\"Per server\",\"category\":\"backup\","
                + "\"subcategory\":\"cloud backup\",\"supportArticle\":\"https://acme.test/kb\"}",
                FakeTransport.body(transport.onlyRequest()));
        assertEquals(1, vendor.skus().size());
    }

    @Test
    void getService_shouldEncodeIdAndUnwrap_whenReadingOneSku() {
        transport.respond(200, "{\"status\":200,\"message\":\"ok\",\"data\":" + VENDOR_JSON + "}");
        assertEquals("s1", session.getService("s1").skuWithId("s1").orElseThrow().id());
        assertCall(transport.onlyRequest(), "GET", "/api/vendor-api/service/s1");
    }

    @Test
    void updateService_shouldReadSku_whenGradientReturnsSkuOrVendorOrNothing() {
        transport.respond(200, "{\"id\":\"s1\",\"name\":\"Renamed\"}")
                .respond(200, "{\"status\":200,\"message\":\"ok\",\"data\":" + VENDOR_JSON + "}")
                .respond(200, "")
                .respond(200, VENDOR_JSON);
        UpdateServiceRequest rename = UpdateServiceRequest.builder().name("Renamed").build();
        assertEquals("Renamed", session.updateService("s1", rename).name());
        assertEquals("Cloud Backup - Servers", session.updateService("s1", rename).name());
        assertEquals("s1", session.updateService("s1", rename).id());
        List<Transport.Request> requests = transport.requests();
        assertCall(requests.get(0), "PATCH", "/api/vendor-api/service/s1");
        assertEquals("{\"name\":\"Renamed\"}", FakeTransport.body(requests.get(0)));
        assertCall(requests.get(3), "GET", "/api/vendor-api/service/s1");
    }

    // ---- integration -------------------------------------------------------------------------

    @Test
    void getIntegration_shouldReadBareOrEnveloped_whenEitherStyleArrives() {
        transport.respond(200, INTEGRATION_JSON)
                .respond(200, "{\"data\":" + INTEGRATION_JSON + ",\"status\":200,\"message\":\"ok\"}");
        Integration bare = session.getIntegration();
        Integration wrapped = session.getIntegration();
        assertEquals(bare, wrapped);
        assertEquals(IntegrationStatus.PENDING, bare.status());
        assertEquals("Contoso MSP", bare.name());
        assertEquals(Instant.parse("1900-01-01T00:00:00Z"), bare.lastSyncedAt());
        assertCall(transport.requests().get(0), "GET", "/api/vendor-api/organization");
    }

    @Test
    void updateStatus_shouldPatchLowercaseStatusWithoutBody_whenSettingStatus() {
        transport.respond(200, "{\"data\":" + INTEGRATION_JSON.replace("pending", "active")
                + ",\"status\":200,\"message\":\"Success - Updated Integration Status\"}");
        assertEquals(IntegrationStatus.ACTIVE, session.updateStatus(IntegrationStatus.ACTIVE).status());
        assertCall(transport.onlyRequest(), "PATCH", "/api/vendor-api/organization/status/active");
        assertNull(transport.onlyRequest().body());
    }

    @Test
    void integrationStatus_shouldRoundTripWireValues_whenLegacyIncluded() {
        for (IntegrationStatus status : IntegrationStatus.values()) {
            assertEquals(status, IntegrationStatus.fromWire(status.wireValue()));
            assertEquals(status.wireValue().toLowerCase(), status.wireValue());
        }
        assertTrue(IntegrationStatus.ERROR.legacy());
        assertFalse(IntegrationStatus.INACTIVE.legacy());
        assertThrows(IllegalArgumentException.class, () -> IntegrationStatus.fromWire("Active"));
    }

    @Test
    void getIntegration_shouldThrowUnexpectedStatus_whenBodyIsUnreadable() {
        transport.respond(200, "{\"status\":\"suspended-forever\"}").respond(200, "not json");
        UnexpectedStatusException unknown = assertThrows(UnexpectedStatusException.class, session::getIntegration);
        assertEquals("GET /api/vendor-api/organization -> 200: response body could not be read as Integration",
                unknown.getMessage());
        assertThrows(UnexpectedStatusException.class, session::getIntegration);
    }

    // ---- clients -----------------------------------------------------------------------------

    @Test
    void clients_shouldSendSearchAndCursor_whenPaging() {
        transport.respond(200, "{\"meta\":{\"total\":2},\"clients\":[{\"id\":\"g1\",\"name\":\"Fabrikam\",\"type\":\"x\"},"
                + "\"g2\"]}");
        ClientsPage page = session.clients("fab rikam", "g0");
        assertCall(transport.onlyRequest(), "GET", "/api/vendor-api/organization/clients");
        assertEquals("search=fab%20rikam&previousId=g0", transport.onlyRequest().uri().getRawQuery());
        assertEquals(2, page.clients().size());
        assertEquals("Fabrikam", page.clients().get(0).name());
        assertEquals("x", page.clients().get(0).attributes().get("type"));
        assertEquals("g2", page.lastId().orElseThrow());
        assertEquals(2, page.meta().get("total"));
    }

    @Test
    void allClients_shouldFollowKeysetUntilEmptyPage_whenIterating() {
        transport.respond(200, "{\"meta\":{},\"clients\":[{\"id\":\"a\"},{\"id\":\"b\"}]}")
                .respond(200, "{\"meta\":{},\"clients\":[{\"_id\":\"c\"}]}")
                .respond(200, "{\"meta\":{},\"clients\":[]}");
        List<String> ids = new ArrayList<>();
        session.allClients(null).forEachRemaining(c -> ids.add(c.id()));
        assertEquals(List.of("a", "b", "c"), ids);
        List<Transport.Request> requests = transport.requests();
        assertEquals(3, requests.size());
        assertNull(requests.get(0).uri().getRawQuery());
        assertEquals("previousId=b", requests.get(1).uri().getRawQuery());
        assertEquals("previousId=c", requests.get(2).uri().getRawQuery());
    }

    @Test
    void allClients_shouldStop_whenServerRepeatsThePage() {
        String page = "{\"meta\":{},\"clients\":[{\"id\":\"a\"},{\"id\":\"b\"}]}";
        transport.respond(200, page).respond(200, page);
        Iterator<PsaClient> all = session.allClients("x");
        assertEquals("a", all.next().id());
        assertEquals("b", all.next().id());
        assertFalse(all.hasNext());
        assertEquals(2, transport.requests().size());
    }

    // ---- accounts ----------------------------------------------------------------------------

    @Test
    void createAccounts_shouldPostArraysInChunks_whenManyAccounts() {
        PartnerSession chunked = client(GradientClientOptions.builder().accountChunkSize(2).build()).session(KEYS);
        transport.respond(201, "[{\"id\":\"0\",\"name\":\"A0\"},{\"id\":\"1\",\"name\":\"A1\"}]")
                .respond(201, "[{\"id\":\"2\",\"name\":\"A2\"},{\"id\":\"3\",\"name\":\"A3\"}]")
                .respond(201, "{\"data\":[{\"id\":\"4\",\"name\":\"A4\",\"mappingId\":null}],\"status\":201,\"message\":\"ok\"}");
        List<NewAccount> accounts = IntStream.range(0, 5).mapToObj(i -> NewAccount.of(String.valueOf(i), "A" + i)).toList();
        List<SavedAccount> created = chunked.createAccounts(accounts);
        assertEquals(List.of("0", "1", "2", "3", "4"), created.stream().map(SavedAccount::id).toList());
        List<Transport.Request> requests = transport.requests();
        assertEquals(3, requests.size());
        assertCall(requests.get(0), "POST", "/api/vendor-api/organization/accounts");
        assertEquals("[{\"id\":\"0\",\"name\":\"A0\"},{\"id\":\"1\",\"name\":\"A1\"}]", FakeTransport.body(requests.get(0)));
        assertEquals("[{\"id\":\"4\",\"name\":\"A4\"}]", FakeTransport.body(requests.get(2)));
    }

    @Test
    void createAccounts_shouldNameChunkStart_whenAChunkConflicts() {
        PartnerSession chunked = client(GradientClientOptions.builder().accountChunkSize(2).build()).session(KEYS);
        transport.respond(201, "[{\"id\":\"0\"},{\"id\":\"1\"}]")
                .respond(409, "{\"statusCode\":409,\"message\":\"A resource with this Id already exists.\"}");
        List<NewAccount> accounts = IntStream.range(0, 4).mapToObj(i -> NewAccount.of(String.valueOf(i), "A" + i)).toList();
        ConflictException conflict = assertThrows(ConflictException.class, () -> chunked.createAccounts(accounts));
        assertEquals(2, conflict.chunkStartIndex().getAsInt());
        assertEquals(409, conflict.status());
        assertEquals("POST /api/vendor-api/organization/accounts", conflict.route());
        assertEquals(2, transport.requests().size());
    }

    @Test
    void createAccounts_shouldSendNothing_whenListEmptyOrIdsRepeat() {
        assertEquals(List.of(), session.createAccounts(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> session.createAccounts(List.of(NewAccount.of("1", "A"), NewAccount.of("1", "B"))));
        assertThrows(IllegalArgumentException.class, () -> NewAccount.of(" ", "A"));
        assertEquals(0, transport.requests().size());
    }

    @Test
    void listAccounts_shouldRepeatIdParameter_whenFilteringByIds() {
        transport.respond(200, "[{\"id\":\"1\",\"name\":\"Sample\",\"description\":\"\",\"isMapped\":false},"
                + "{\"id\":\"tenant.onmicrosoft.com\",\"name\":\"Fabrikam\",\"isMapped\":true,\"mappingId\":\"65c0\"}]");
        List<GradientAccount> accounts = session.listAccounts(
                AccountQuery.ids(List.of("1", "tenant.onmicrosoft.com")).withReturnUnmapped(false));
        assertCall(transport.onlyRequest(), "GET", "/api/vendor-api/organization/accounts");
        assertEquals("accountIds=1&accountIds=tenant.onmicrosoft.com&returnUnmapped=false",
                transport.onlyRequest().uri().getRawQuery());
        assertFalse(accounts.get(0).mapped());
        assertTrue(accounts.get(1).mapped());
    }

    @Test
    void listAccounts_shouldSplitIdsIntoChunks_whenMoreThanChunkSize() {
        PartnerSession chunked = client(GradientClientOptions.builder().accountChunkSize(2).build()).session(KEYS);
        transport.respond(200, "[{\"id\":\"a\"},{\"id\":\"b\"}]").respond(200, "[{\"id\":\"c\"}]");
        assertEquals(3, chunked.listAccounts(AccountQuery.ids(List.of("a", "b", "c"))).size());
        assertEquals("accountIds=c", transport.requests().get(1).uri().getRawQuery());
    }

    @Test
    void listAccounts_shouldSendNoQuery_whenAskingForAll() {
        transport.respond(200, "[]");
        assertEquals(List.of(), session.listAccounts(AccountQuery.all()));
        assertNull(transport.onlyRequest().uri().getRawQuery());
    }

    @Test
    void updateAccount_shouldEncodeAwkwardIds_whenPatching() {
        transport.respond(200, "{\"id\":\"acme corp/#1\",\"name\":\"New\",\"description\":\"\"}");
        SavedAccount updated = session.updateAccount("acme corp/#1", UpdateAccountRequest.builder().name("New").active(true).build());
        assertCall(transport.onlyRequest(), "PATCH", "/api/vendor-api/organization/accounts/acme%20corp%2F%231");
        assertEquals("{\"name\":\"New\",\"isActive\":true}", FakeTransport.body(transport.onlyRequest()));
        assertEquals("New", updated.name());
    }

    // ---- organization services ---------------------------------------------------------------

    @Test
    void organizationServices_shouldCoverCreateListUpdate_whenCalled() {
        transport.respond(201, "[{\"id\":\"svc-1\",\"name\":\"Backup\",\"description\":\"d\",\"isMapped\":false}]")
                .respond(200, "[{\"id\":\"svc-1\",\"name\":\"Backup\",\"description\":\"d\",\"isMapped\":true}]")
                .respond(200, "{\"id\":\"svc-1\",\"name\":\"Backup+\",\"description\":\"d\",\"mappingId\":\"m\"}");
        assertFalse(session.createOrganizationServices(List.of(new NewOrganizationService("svc-1", "Backup", "d")))
                .get(0).mapped());
        assertTrue(session.listOrganizationServices(OrganizationServiceQuery.ids(List.of("svc-1"))).get(0).mapped());
        assertEquals("m", session.updateOrganizationService("svc-1",
                UpdateOrganizationServiceRequest.rename("Backup+", null)).mappingId());
        List<Transport.Request> requests = transport.requests();
        assertCall(requests.get(0), "POST", "/api/vendor-api/organization/services");
        assertEquals("[{\"id\":\"svc-1\",\"name\":\"Backup\",\"description\":\"d\"}]", FakeTransport.body(requests.get(0)));
        assertCall(requests.get(1), "GET", "/api/vendor-api/organization/services");
        assertEquals("serviceIds=svc-1", requests.get(1).uri().getRawQuery());
        assertCall(requests.get(2), "PATCH", "/api/vendor-api/organization/services/svc-1");
        assertEquals("{\"name\":\"Backup+\"}", FakeTransport.body(requests.get(2)));
    }

    @Test
    void createOrganizationServices_shouldNameChunkStart_whenConflict() {
        transport.respond(409, "{\"statusCode\":409,\"message\":\"A resource with this Id already exists.\"}");
        ConflictException conflict = assertThrows(ConflictException.class, () -> session.createOrganizationServices(
                List.of(new NewOrganizationService("svc-1", "Backup", "d"))));
        assertEquals(0, conflict.chunkStartIndex().getAsInt());
    }

    // ---- counts ------------------------------------------------------------------------------

    @Test
    void setUnitCount_shouldPostPlainNumberAndNoBuild_whenPushing() {
        transport.respond(201, "{\"status\":201,\"message\":\"Success - Created unit count\"}")
                .respond(201, "{\"status\":201,\"message\":\"ok\"}");
        assertEquals(new CountOutcome.Applied(201), session.setUnitCount("s1", "tenant.onmicrosoft.com", BigDecimal.ZERO, true));
        assertEquals(new CountOutcome.Applied(201), session.setUnitCount("s1", "1", new BigDecimal("1.5E+3"), false));
        List<Transport.Request> requests = transport.requests();
        assertCall(requests.get(0), "POST", "/api/vendor-api/service/s1/count");
        assertEquals("no_build=true", requests.get(0).uri().getRawQuery());
        assertEquals("{\"accountId\":\"tenant.onmicrosoft.com\",\"unitCount\":0}", FakeTransport.body(requests.get(0)));
        assertNull(requests.get(1).uri().getRawQuery());
        assertEquals("{\"accountId\":\"1\",\"unitCount\":1500}", FakeTransport.body(requests.get(1)));
    }

    @Test
    void setUnitCount_shouldReturnNotMapped_whenGradientAnswers404() {
        transport.respond(404, "{\"statusCode\":404,\"message\":\"No account map found with id: 1\"}");
        assertEquals(new CountOutcome.NotMapped("No account map found with id: 1"),
                session.setUnitCount("s1", "1", BigDecimal.TEN, false));
        assertEquals(1, transport.requests().size());
    }

    @Test
    void setUnitCount_shouldRejectNegative_whenCountBelowZero() {
        assertThrows(IllegalArgumentException.class, () -> session.setUnitCount("s1", "1", new BigDecimal("-1"), false));
        assertThrows(NullPointerException.class, () -> session.setUnitCount("s1", "1", null, false));
        assertEquals(0, transport.requests().size());
    }

    @Test
    void addAndSubtract_shouldPatchConfiguredPaths_whenPushingDeltas() {
        PartnerSession custom = client(GradientClientOptions.builder()
                .addCountPath("/api/vendor-api/service/{serviceId}/count/increment").build()).session(KEYS);
        transport.respond(200, "{\"status\":200,\"message\":\"ok\"}").respond(200, "{\"status\":200,\"message\":\"ok\"}");
        assertEquals(new CountOutcome.Applied(200), custom.addToUnitCount("s 1", "a", new BigDecimal("2.50"), true));
        assertEquals(new CountOutcome.Applied(200), custom.subtractFromUnitCount("s1", "a", BigDecimal.ONE, false));
        List<Transport.Request> requests = transport.requests();
        assertCall(requests.get(0), "PATCH", "/api/vendor-api/service/s%201/count/increment");
        assertEquals("{\"accountId\":\"a\",\"unitCount\":2.50}", FakeTransport.body(requests.get(0)));
        assertCall(requests.get(1), "PATCH", "/api/vendor-api/service/s1/count/subtract");
    }

    @Test
    void addToUnitCount_shouldThrowNotFound_whenTheRouteItselfIsMissing() {
        transport.respond(404, "{\"statusCode\":404,\"message\":\"Cannot PATCH /api/vendor-api/service/s1/count/add\","
                + "\"error\":\"Not Found\"}");
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> session.addToUnitCount("s1", "a", BigDecimal.ONE, false));
        assertEquals("PATCH /api/vendor-api/service/{serviceId}/count/add", missing.route());
    }

    // ---- alerts ------------------------------------------------------------------------------

    @Test
    void dispatchAlert_shouldPostAlertAndReadIds_whenQueued() {
        transport.respond(201, "{\"messageId\":\"3f6c\",\"alertId\":\"backup-fail\",\"correlationID\":\"65d0\"}");
        AlertCreated created = session.dispatchAlert("tenant.onmicrosoft.com", AlertRequest
                .builder("backup-fail", "Backup failed", "Job 7 failed").priority(3).status(2)
                .dueDateTime(Instant.parse("2024-06-02T00:00:00Z")).serviceId("s1").build());
        assertCall(transport.onlyRequest(), "POST", "/api/vendor-api/alerting/tenant.onmicrosoft.com");
        assertEquals("{\"title\":\"Backup failed\",\"description\":\"Job 7 failed\",\"alertId\":\"backup-fail\","
                        + "\"priority\":3,\"status\":2,\"dueDateTime\":\"2024-06-02T00:00:00Z\",\"serviceId\":\"s1\"}",
                FakeTransport.body(transport.onlyRequest()));
        assertEquals(new AlertCreated("3f6c", "backup-fail", "65d0"), created);
    }

    @Test
    void dispatchAlert_shouldSendOnceAndReportAnUnknownOutcome_whenTheRequestTimesOut() {
        transport.fail(new java.net.http.HttpTimeoutException("request timed out"))
                .respond(201, "{\"messageId\":\"m2\",\"alertId\":\"a\",\"correlationID\":\"c\"}");
        io.gradientconnector.port.gradient.GradientConnectionException lost = assertThrows(
                io.gradientconnector.port.gradient.GradientConnectionException.class,
                () -> session.dispatchAlert("acct", AlertRequest.builder("a", "t", "d").build()));
        assertEquals(1, transport.requests().size(), "a repeat could open a second ticket: never retried here");
        assertEquals(false, lost.requestNotSent(), "a timeout may come after Gradient queued it");
    }

    @Test
    void dispatchAlert_shouldNotRetry_whenGradientAnswers503_butReadsAreRetried() {
        transport.respond(503, "{\"statusCode\":503,\"message\":\"Service Unavailable\"}");
        assertThrows(io.gradientconnector.port.gradient.ServerErrorException.class,
                () -> session.dispatchAlert("acct", AlertRequest.builder("a", "t", "d").build()));
        assertEquals(1, transport.requests().size());
        transport.respond(503, "{}").respond(200, "{\"messageId\":\"m\",\"status\":\"pending\"}");
        assertEquals(io.gradientconnector.port.gradient.AlertState.PENDING, session.alertStatus("m").status());
        assertEquals(3, transport.requests().size(), "the debug read is an ordinary retried GET");
    }

    @Test
    void requestNotSent_shouldBeTrue_onlyWhenTheConnectionWasNeverMade() {
        String route = "POST /api/vendor-api/alerting/{accountId}";
        assertEquals(true, new io.gradientconnector.port.gradient.GradientConnectionException(route, "refused", true,
                new java.io.IOException(new java.net.ConnectException("refused"))).requestNotSent());
        assertEquals(true, new io.gradientconnector.port.gradient.GradientConnectionException(route, "deadline", false,
                null).requestNotSent());
        assertEquals(false, new io.gradientconnector.port.gradient.GradientConnectionException(route, "reset", true,
                new java.io.IOException("connection reset")).requestNotSent());
    }

    @Test
    void alertRequest_shouldRejectOutOfRange_whenPriorityOrStatusInvalid() {
        assertThrows(IllegalArgumentException.class, () -> AlertRequest.builder("a", "t", "d").priority(0).build());
        assertThrows(IllegalArgumentException.class, () -> AlertRequest.builder("a", "t", "d").priority(5).build());
        assertThrows(IllegalArgumentException.class, () -> AlertRequest.builder("a", "t", "d").status(0).build());
        assertThrows(IllegalArgumentException.class, () -> AlertRequest.builder("a", "t", "d").status(7).build());
        assertEquals(4, AlertRequest.builder("a", "t", "d").priority(4).status(6).build().priority());
    }

    @Test
    void alertStatus_shouldReadFailureDetails_whenTicketFailed() {
        transport.respond(200, "{\"messageId\":\"3f6c\",\"status\":\"failed\",\"statusCode\":400,"
                + "\"errors\":[\"board not mapped\"],\"createdAt\":\"2024-06-01T08:00:05Z\",\"extra\":true}");
        AlertStatus status = session.alertStatus("3f6c");
        assertCall(transport.onlyRequest(), "GET", "/api/vendor-api/alerting/debug/3f6c");
        assertEquals(AlertState.FAILED, status.status());
        assertTrue(status.status().terminal());
        assertEquals(400, status.statusCode());
        assertEquals(List.of("board not mapped"), status.errors());
    }

    // ---- errors ------------------------------------------------------------------------------

    @Test
    void everyRoute_shouldThrowTypedException_whenGradientRejects() {
        transport.respond(401, "{\"statusCode\":401,\"message\":\"Unauthorized\"}")
                .respond(403, "{\"statusCode\":403,\"message\":\"anomaly\"}")
                .respond(400, "{\"statusCode\":400,\"message\":[\"name should not be empty\"]}");
        UnauthorizedException unauthorized = assertThrows(UnauthorizedException.class, session::getIntegration);
        assertEquals("GET /api/vendor-api/organization -> 401: Unauthorized", unauthorized.getMessage());
        assertInstanceOf(ForbiddenException.class, assertThrows(GradientException.class, session::getVendor));
        BadRequestException bad = assertThrows(BadRequestException.class,
                () -> session.updateAccount("x", UpdateAccountRequest.rename("n", null)));
        assertEquals("PATCH /api/vendor-api/organization/accounts/{accountId} -> 400: name should not be empty",
                bad.getMessage());
        assertEquals(3, transport.requests().size()); // none retried
    }

    @Test
    void exceptionMessage_shouldNeverContainKeys_whenGradientEchoesThem() {
        transport.respond(401, "{\"statusCode\":401,\"message\":\"bad token " + KEYS.token() + " for vendor-key-123 / "
                + "partner-key-456\"}");
        UnauthorizedException e = assertThrows(UnauthorizedException.class, session::getIntegration);
        assertFalse(e.getMessage().contains(KEYS.token()));
        assertFalse(e.getMessage().contains("vendor-key-123"));
        assertFalse(e.getMessage().contains("partner-key-456"));
        assertEquals("bad token **** for **** / ****", e.gradientMessage());
    }

    @Test
    void toString_shouldHideKeys_whenPrintingSessionAndRequests() {
        transport.respond(200, INTEGRATION_JSON);
        session.getIntegration();
        for (String text : List.of(session.toString(), transport.onlyRequest().toString(), KEYS.toString())) {
            assertFalse(text.contains(KEYS.token()), text);
            assertFalse(text.contains("vendor-key-123"), text);
            assertFalse(text.contains("partner-key-456"), text);
        }
    }

    @Test
    void withCorrelationId_shouldSendTheIdOnEveryAttemptOfACountPush_andOnNoOtherCall() {
        transport.respond(503, "{\"statusCode\":503,\"message\":\"busy\"}").respond(201, "{\"status\":201}")
                .respond(200, INTEGRATION_JSON);
        PartnerSession correlated = session.withCorrelationId("0192a-00000001-abc");

        assertEquals(new CountOutcome.Applied(201), correlated.setUnitCount("s1", "a1", BigDecimal.ONE, false));
        correlated.getIntegration();

        List<Transport.Request> sent = transport.requests();
        assertEquals(3, sent.size());
        assertEquals("0192a-00000001-abc", sent.get(0).header("X-Correlation-Id").orElseThrow());
        assertEquals("0192a-00000001-abc", sent.get(1).header("X-Correlation-Id").orElseThrow(), "the retry too");
        assertTrue(sent.get(2).header("X-Correlation-Id").isEmpty(), "only count pushes carry it");
        assertThrows(IllegalArgumentException.class, () -> session.withCorrelationId("has space"));
    }
}
