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
import io.gradientconnector.port.gradient.GradientAccount;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.NewOrganizationService;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.OrganizationService;
import io.gradientconnector.port.gradient.OrganizationServiceQuery;
import io.gradientconnector.port.gradient.SavedAccount;
import io.gradientconnector.port.gradient.SavedOrganizationService;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.gradient.UnexpectedStatusException;
import io.gradientconnector.port.gradient.UpdateAccountRequest;
import io.gradientconnector.port.gradient.UpdateOrganizationServiceRequest;
import io.gradientconnector.port.gradient.UpdateServiceRequest;
import io.gradientconnector.port.gradient.UpdateVendorRequest;
import io.gradientconnector.port.gradient.VendorProfile;
import io.gradientconnector.port.gradient.VendorSku;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.sandbox.AlertResolution;
import io.gradientconnector.sandbox.ConfigUpdate;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.testing.RecordingLogger;
import java.math.BigDecimal;
import java.time.Clock;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every route and every error class the sandbox can produce, over real HTTP. */
class GradientClientRoutesIT {
    private static GradientSandbox sandbox;
    private static SandboxControl control;

    private final RecordingLogger logger = new RecordingLogger();
    private final List<String> messages = new ArrayList<>();
    private SandboxPartner partner;
    private GradientClient client;
    private PartnerSession session;

    @BeforeAll
    static void startSandbox() {
        // Limit far above what these tests send; the rate-limit tests lower it through the config route.
        sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(100_000).build());
        control = new SandboxControl(sandbox.baseUri());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void freshPartner() {
        control.reset();
        partner = SandboxPartner.create(control, null, List.of("Fabrikam", "Northwind", "Tailspin", "Wingtip", "Litware"));
        client = client(GradientClientOptions.defaults());
        session = client.session(partner.credentials());
    }

    @AfterEach
    void noSecretLeaked() {
        List<String> texts = new ArrayList<>(messages);
        texts.addAll(logger.lines());
        for (String text : texts) {
            for (String secret : partner.secrets()) {
                assertFalse(text.contains(secret), "secret leaked into: " + text);
            }
        }
    }

    private GradientClient client(GradientClientOptions options) {
        return GradientClient.builder().baseUri(sandbox.baseUri()).options(options).logger(logger)
                .sleeper(new RecordingSleeper(null)).random(new FixedRandom(0)).rateLimiter(unlimited()).build();
    }

    /** The limiter's own waits are not what these tests look at; keep them out of the retry sleeper. */
    static RateLimiter unlimited() {
        return new RateLimiter(100_000, 100_000, Clock.systemUTC(), new RecordingSleeper(null));
    }

    private <T extends GradientException> T expect(Class<T> type, org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        messages.add(e.getMessage());
        messages.add(String.valueOf(e));
        return e;
    }

    private static RecordedRequest last() {
        List<RecordedRequest> requests = control.requests();
        return requests.get(requests.size() - 1);
    }

    private String createSku(String name) {
        VendorProfile vendor = session.createService(CreateServiceRequest.of(name, "Per protected server",
                ServiceCategory.BACKUP, ServiceSubcategory.CLOUD_BACKUP));
        assertEquals(201, last().status());
        return vendor.skuNamed(name).orElseThrow().id();
    }

    // ---- vendor and SKUs ------------------------------------------------------------------------

    @Test
    void vendorRoutes_shouldCreateReadAndUpdate_whenCalledInOrder() {
        VendorProfile vendor = session.getVendor();
        assertEquals(200, last().status());
        assertEquals("AcmeBackup", vendor.name());
        assertTrue(vendor.skus().isEmpty());

        String skuId = createSku("Cloud Backup - Servers");

        VendorProfile one = session.getService(skuId);
        assertEquals(200, last().status());
        assertEquals(ServiceSubcategory.CLOUD_BACKUP, one.skuWithId(skuId).orElseThrow().serviceSubcategory().orElseThrow());

        VendorSku renamed = session.updateService(skuId, UpdateServiceRequest.builder().name("Cloud Backup - VMs")
                .category(ServiceCategory.INFRASTRUCTURE).build());
        assertEquals(200, last().status());
        assertEquals("Cloud Backup - VMs", renamed.name());
        assertEquals("infrastructure", renamed.category());

        VendorProfile updated = session.updateVendor(UpdateVendorRequest.builder().description("Acme custom integration")
                .vendorSupportPageUrl("https://acme.test/support").build());
        assertEquals(200, last().status());
        assertEquals("Acme custom integration", updated.description());
        assertEquals("https://acme.test/support", updated.vendorSupportPageUrl());
    }

    // ---- integration and clients ----------------------------------------------------------------

    @Test
    void integrationRoutes_shouldReadAndMoveStatus_whenPartnerConnects() {
        Integration integration = session.getIntegration();
        assertEquals(200, last().status());
        assertEquals(IntegrationStatus.INACTIVE, integration.status());
        assertEquals("Contoso MSP", integration.name());
        assertEquals(partner.integrationId(), integration.integrationId());

        assertEquals(IntegrationStatus.PENDING, session.updateStatus(IntegrationStatus.PENDING).status());
        assertEquals(200, last().status());
        assertEquals(IntegrationStatus.ERROR, session.updateStatus(IntegrationStatus.ERROR).status());

        control.config(ConfigUpdate.builder().legacyStatusesAccepted(false).build());
        BadRequestException legacy = expect(BadRequestException.class, () -> session.updateStatus(IntegrationStatus.DISABLED));
        assertEquals("PATCH /api/vendor-api/organization/status/{status}", legacy.route());
    }

    @Test
    void clients_shouldPageThroughEveryClient_whenPagesAreSmall() {
        control.config(ConfigUpdate.builder().clientsPageSize(2).build());
        ClientsPage first = session.clients(null, null);
        assertEquals(200, last().status());
        assertEquals(2, first.clients().size());
        List<String> names = new ArrayList<>();
        session.allClients(null).forEachRemaining(c -> names.add(c.name()));
        assertEquals(List.of("Fabrikam", "Litware", "Northwind", "Tailspin", "Wingtip"),
                names.stream().sorted().toList());
        List<String> found = new ArrayList<>();
        session.allClients("wind").forEachRemaining(c -> found.add(c.name()));
        assertEquals(List.of("Northwind"), found);
    }

    // ---- accounts -------------------------------------------------------------------------------

    @Test
    void accounts_shouldCreateInChunksListAndUpdate_whenManyAccounts() {
        control.clearRequests();
        List<NewAccount> accounts = IntStream.range(0, 250)
                .mapToObj(i -> NewAccount.of("acct-" + i, "Customer " + i)).toList();
        List<SavedAccount> created = session.createAccounts(accounts);
        assertEquals(250, created.size());
        List<RecordedRequest> posts = control.requests().stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(3, posts.size());
        assertTrue(posts.stream().allMatch(r -> r.status() == 201));

        assertEquals(250, session.listAccounts(AccountQuery.all()).size());
        List<GradientAccount> two = session.listAccounts(AccountQuery.ids(List.of("acct-1", "acct-7")));
        assertEquals(200, last().status());
        assertEquals(List.of("acct-1", "acct-7"), two.stream().map(GradientAccount::id).sorted().toList());

        control.mapAccount(partner.integrationId(), "acct-7");
        List<GradientAccount> mapped = session.listAccounts(AccountQuery.all().withReturnUnmapped(false));
        assertEquals(1, mapped.size());
        assertTrue(mapped.get(0).mapped());
    }

    @Test
    void updateAccount_shouldReachAwkwardIds_whenIdHasSpacesDotsHashAndSlash() {
        String awkward = "acme corp/#1.eu ?x=%";
        session.createAccounts(List.of(NewAccount.of(awkward, "Acme"), NewAccount.of("..", "Dots")));
        SavedAccount updated = session.updateAccount(awkward, UpdateAccountRequest.builder().name("Acme Europe").build());
        assertEquals(200, last().status());
        assertEquals(awkward, updated.id());
        assertEquals("Acme Europe", updated.name());
        assertEquals("Dots2", session.updateAccount("..", UpdateAccountRequest.rename("Dots2", null)).name());
        assertEquals("Acme Europe", session.listAccounts(AccountQuery.ids(List.of(awkward))).get(0).name());
    }

    @Test
    void createAccounts_shouldNameTheConflictingChunk_whenSecondChunkHasExistingId() {
        GradientClient chunked = client(GradientClientOptions.builder().accountChunkSize(100).build());
        PartnerSession s = chunked.session(partner.credentials());
        s.createAccounts(List.of(NewAccount.of("acct-150", "Existing")));
        List<NewAccount> batch = IntStream.range(0, 200).mapToObj(i -> NewAccount.of("acct-" + i, "C" + i)).toList();
        ConflictException conflict = expect(ConflictException.class, () -> s.createAccounts(batch));
        assertEquals(100, conflict.chunkStartIndex().getAsInt());
        assertEquals("A resource with this Id already exists.", conflict.gradientMessage());
        assertEquals(101, s.listAccounts(AccountQuery.all()).size()); // first chunk + the pre-existing one
    }

    // ---- organization services ------------------------------------------------------------------

    @Test
    void organizationServices_shouldCreateListUpdateAndConflict_whenCalled() {
        List<OrganizationService> created = session.createOrganizationServices(List.of(
                new NewOrganizationService("svc-1", "Backup", "Per server"),
                new NewOrganizationService("svc-2", "Email", "Per mailbox")));
        assertEquals(201, last().status());
        assertEquals(2, created.size());
        assertFalse(created.get(0).mapped());

        control.mapService(partner.integrationId(), "svc-1");
        List<OrganizationService> listed = session.listOrganizationServices(OrganizationServiceQuery.ids(List.of("svc-1")));
        assertEquals(200, last().status());
        assertTrue(listed.get(0).mapped());
        assertEquals(1, session.listOrganizationServices(OrganizationServiceQuery.all().withReturnUnmapped(false)).size());

        SavedOrganizationService renamed = session.updateOrganizationService("svc-2",
                UpdateOrganizationServiceRequest.rename("Hosted Email", null));
        assertEquals(200, last().status());
        assertEquals("Hosted Email", renamed.name());

        ConflictException conflict = expect(ConflictException.class, () -> session.createOrganizationServices(
                List.of(new NewOrganizationService("svc-1", "Again", "d"))));
        assertEquals(0, conflict.chunkStartIndex().getAsInt());
    }

    // ---- counts ---------------------------------------------------------------------------------

    @Test
    void counts_shouldReportNotMappedThenApply_whenMspMapsAccountAndService() {
        String skuId = createSku("Cloud Backup - Servers");
        session.updateStatus(IntegrationStatus.PENDING);
        session.createAccounts(List.of(NewAccount.of("tenant.onmicrosoft.com", "Fabrikam")));

        CountOutcome unmapped = session.setUnitCount(skuId, "tenant.onmicrosoft.com", BigDecimal.TEN, false);
        assertEquals(new CountOutcome.NotMapped("No account map found with id: tenant.onmicrosoft.com"), unmapped);
        assertEquals(404, last().status());

        control.mapAccount(partner.integrationId(), "tenant.onmicrosoft.com");
        control.mapService(partner.integrationId(), skuId);
        assertEquals(new CountOutcome.Applied(201),
                session.setUnitCount(skuId, "tenant.onmicrosoft.com", new BigDecimal("5.5"), true));
        assertEquals("no_build=true", last().query());
        assertEquals(new BigDecimal("5.5"), count(skuId));

        assertEquals(new CountOutcome.Applied(201), session.setUnitCount(skuId, "tenant.onmicrosoft.com", BigDecimal.ZERO, false));
        assertEquals(0, BigDecimal.ZERO.compareTo(count(skuId)));
        assertEquals("0", last().body().get("unitCount").asText());

        assertEquals(new CountOutcome.Applied(200), session.addToUnitCount(skuId, "tenant.onmicrosoft.com", new BigDecimal("3"), false));
        assertEquals(new CountOutcome.Applied(200),
                session.subtractFromUnitCount(skuId, "tenant.onmicrosoft.com", BigDecimal.ONE, false));
        assertEquals(0, new BigDecimal("2").compareTo(count(skuId)));
        assertEquals(IntegrationStatus.ACTIVE, session.getIntegration().status());
    }

    @Test
    void addToUnitCount_shouldThrowNotFound_whenDeltaRoutesAreDisabled() {
        String skuId = createSku("Cloud Backup - Servers");
        control.config(ConfigUpdate.builder().deltaRoutesEnabled(false).build());
        NotFoundException missing = expect(NotFoundException.class,
                () -> session.addToUnitCount(skuId, "a", BigDecimal.ONE, false));
        assertTrue(missing.gradientMessage().startsWith("Cannot PATCH "), missing.gradientMessage());
    }

    private BigDecimal count(String skuId) {
        return control.counts().stream().filter(c -> c.serviceId().equals(skuId)).map(UnitCount::unitCount)
                .findFirst().orElseThrow();
    }

    // ---- alerts ---------------------------------------------------------------------------------

    @Test
    void alerts_shouldDispatchAndReportTicket_whenResolved() {
        session.createAccounts(List.of(NewAccount.of("1", "Sample")));
        control.mapAccount(partner.integrationId(), "1");
        AlertCreated created = session.dispatchAlert("1", AlertRequest.builder("backup-fail-1", "Backup failed",
                "Job 7 failed").priority(3).status(2).build());
        assertEquals(201, last().status());
        assertEquals("backup-fail-1", created.alertId());

        assertEquals(AlertState.PENDING, session.alertStatus(created.messageId()).status());
        control.resolveAlert(created.messageId(), AlertResolution.success("T20240601.0042"));
        AlertStatus done = session.alertStatus(created.messageId());
        assertEquals(200, last().status());
        assertEquals(AlertState.SUCCESS, done.status());
        assertEquals("T20240601.0042", done.ticketId());

        AlertCreated second = session.dispatchAlert("1", AlertRequest.builder("backup-fail-2", "t", "d").build());
        control.resolveAlert(second.messageId(), AlertResolution.failed(400, List.of("board not mapped")));
        AlertStatus failed = session.alertStatus(second.messageId());
        assertEquals(AlertState.FAILED, failed.status());
        assertEquals(List.of("board not mapped"), failed.errors());

        expect(NotFoundException.class, () -> session.dispatchAlert("unknown", AlertRequest.builder("x", "t", "d").build()));
    }

    // ---- errors ---------------------------------------------------------------------------------

    @Test
    void errors_shouldBeTyped_whenSandboxRejects() {
        BadRequestException bad = expect(BadRequestException.class,
                () -> session.setUnitCount("not-an-object-id", "1", BigDecimal.ONE, false));
        assertEquals("You have provided an invalid Id type", bad.gradientMessage());
        assertEquals("POST /api/vendor-api/service/{serviceId}/count -> 400: You have provided an invalid Id type",
                bad.getMessage());

        PartnerSession wrongKey = client.session(new GradientCredentials(partner.credentials().vendorKey(), "WRONGPARTNER"));
        UnauthorizedException unauthorized = expect(UnauthorizedException.class, wrongKey::getIntegration);
        assertEquals(401, unauthorized.status());

        NotFoundException notFound = expect(NotFoundException.class,
                () -> session.updateAccount("nobody", UpdateAccountRequest.rename("x", null)));
        assertEquals("PATCH /api/vendor-api/organization/accounts/{accountId}", notFound.route());
        assertEquals("Account not found with id: nobody", notFound.gradientMessage());

        expect(NotFoundException.class, () -> session.alertStatus("3f6c2a1e-9b7d-4c1e-8f00-1a2b3c4d5e6f"));
    }

    @Test
    void regeneratedKey_shouldBeUnauthorizedThenWork_whenPartnerGetsNewKey() {
        session.createAccounts(List.of(NewAccount.of("kept", "Kept")));
        control.regenerateKey(partner.integrationId(), "PARTNERSECRETNEW");
        expect(UnauthorizedException.class, session::getIntegration);
        PartnerSession renewed = client.session(new GradientCredentials(partner.credentials().vendorKey(), "PARTNERSECRETNEW"));
        assertEquals(List.of("kept"), renewed.listAccounts(AccountQuery.all()).stream().map(GradientAccount::id).toList());
    }

    @Test
    void disconnect_shouldDropAccounts_whenPartnerDisconnects() {
        session.createAccounts(List.of(NewAccount.of("gone", "Gone")));
        control.disconnect(partner.integrationId());
        assertEquals(List.of(), session.listAccounts(AccountQuery.all()));
        assertEquals(IntegrationStatus.INACTIVE, session.getIntegration().status());
    }

    @Test
    void oversizedBody_shouldBeUnexpectedStatus_whenSandboxAnswers413() {
        String huge = "x".repeat(1_100_000);
        UnexpectedStatusException e = expect(UnexpectedStatusException.class,
                () -> session.updateVendor(UpdateVendorRequest.builder().description(huge).build()));
        assertEquals(413, e.status());
    }

    @Test
    void connectionRefused_shouldBeRetryableConnectionFailure_whenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        RecordingSleeper sleeper = new RecordingSleeper(null);
        PartnerSession nowhere = GradientClient.builder().baseUri("http://127.0.0.1:" + port).logger(logger)
                .sleeper(sleeper).random(new FixedRandom(0)).rateLimiter(unlimited()).build().session(partner.credentials());
        GradientConnectionException e = expect(GradientConnectionException.class, nowhere::getIntegration);
        assertTrue(e.retryable());
        assertEquals("GET /api/vendor-api/organization (connection failed: connection refused; retryable)", e.getMessage());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), sleeper.sleeps());
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
    }
}
