package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class CountsIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    private BigDecimal countOf(String serviceId, String accountId) {
        return fx.control.counts().stream()
                .filter(c -> c.serviceId().equals(serviceId) && c.accountId().equals(accountId))
                .map(UnitCount::unitCount).findFirst().orElse(null);
    }

    private static void assertNoAccountMap(SandboxFixture.Response response, String accountId) {
        assertEquals(404, response.status(), response.body());
        assertEquals("{\"statusCode\":404,\"message\":\"No account map found with id: " + accountId
                + "\",\"error\":\"Not Found\"}", response.body());
    }

    @Test
    void setCount_shouldReturn201StatusOnlyBody_whenAccountAndServiceAreMapped() {
        String sku = fx.mappedPair("1");
        var response = fx.setCount(sku, "1", "7");
        assertEquals(201, response.status());
        assertEquals(201, response.json().path("status").asInt());
        assertTrue(response.json().has("message"));
        assertEquals(2, response.json().size(), "status-only ResponseDto");
        assertEquals(0, new BigDecimal("7").compareTo(countOf(sku, "1")));
    }

    @Test
    void setCount_shouldReplaceNotAdd_whenRepeated() {
        String sku = fx.mappedPair("1");
        fx.setCount(sku, "1", "7");
        fx.setCount(sku, "1", "3");
        assertEquals(0, new BigDecimal("3").compareTo(countOf(sku, "1")));
    }

    @Test
    void setCount_shouldReturnNoAccountMap_whenAccountDoesNotExist() {
        String sku = fx.mappedPair("1");
        assertNoAccountMap(fx.setCount(sku, "missing", "1"), "missing");
    }

    @Test
    void setCount_shouldReturnNoAccountMap_whenAccountIsNotMapped() {
        String sku = fx.mappedPair("1");
        fx.createAccounts("2");
        assertNoAccountMap(fx.setCount(sku, "2", "1"), "2");
    }

    @Test
    void setCount_shouldReturnNoAccountMap_whenServiceIsNotMapped() {
        fx.mappedPair("1");
        String unmappedSku = fx.createSku("Unmapped");
        assertNoAccountMap(fx.setCount(unmappedSku, "1", "1"), "1");
    }

    @Test
    void setCount_shouldReturn404_whenServiceIdIsWellFormedButUnknown() {
        fx.mappedPair("1");
        assertNoAccountMap(fx.setCount("0123456789abcdef01234567", "1", "1"), "1");
    }

    @Test
    void setCount_shouldReturnNoAccountMap_whenAccountWasUnmapped() {
        String sku = fx.mappedPair("1");
        assertEquals(201, fx.setCount(sku, "1", "1").status());
        fx.control.unmapAccount(fx.integrationId(), "1");
        assertNoAccountMap(fx.setCount(sku, "1", "2"), "1");
    }

    @Test
    void addAndSubtract_shouldChangeCountAndFloorAtZero_whenDeltaRoutesEnabled() {
        String sku = fx.mappedPair("1");
        var added = fx.call("PATCH", "/service/" + sku + "/count/add", "{\"accountId\":\"1\",\"unitCount\":5}");
        assertEquals(200, added.status(), added.body());
        assertEquals(200, added.json().path("status").asInt());
        fx.call("PATCH", "/service/" + sku + "/count/add", "{\"accountId\":\"1\",\"unitCount\":2.5}");
        assertEquals(0, new BigDecimal("7.5").compareTo(countOf(sku, "1")));
        var subtracted = fx.call("PATCH", "/service/" + sku + "/count/subtract", "{\"accountId\":\"1\",\"unitCount\":100}");
        assertEquals(200, subtracted.status());
        assertEquals(0, BigDecimal.ZERO.compareTo(countOf(sku, "1")));
    }

    @Test
    void addCount_shouldReturnNoAccountMap_whenAccountIsNotMapped() {
        String sku = fx.mappedPair("1");
        fx.createAccounts("2");
        assertNoAccountMap(fx.call("PATCH", "/service/" + sku + "/count/add", "{\"accountId\":\"2\",\"unitCount\":1}"), "2");
        assertNoAccountMap(fx.call("PATCH", "/service/" + sku + "/count/subtract", "{\"accountId\":\"2\",\"unitCount\":1}"), "2");
    }

    @Test
    void deltaRoutes_shouldReturn404_whenDisabled() {
        String sku = fx.mappedPair("1");
        fx.control.config(ConfigUpdate.builder().deltaRoutesEnabled(false).build());
        var response = fx.call("PATCH", "/service/" + sku + "/count/add", "{\"accountId\":\"1\",\"unitCount\":1}");
        assertEquals(404, response.status());
        assertTrue(response.message().startsWith("Cannot PATCH"));
    }

    @Test
    void deltaRoutes_shouldReturn404_whenDisabledAtStart() {
        try (SandboxFixture off = SandboxFixture.start(o -> o.deltaRoutesEnabled(false))) {
            String sku = off.mappedPair("1");
            assertEquals(404, off.call("PATCH", "/service/" + sku + "/count/subtract",
                    "{\"accountId\":\"1\",\"unitCount\":1}").status());
        }
    }

    @Test
    void setCount_shouldTurnPendingIntoActiveAndMoveLastSyncedAt_whenFirstCountSucceeds() {
        String sku = fx.mappedPair("1");
        assertEquals("pending", fx.call("GET", "/organization", null).json().path("status").asText());
        assertEquals("1900-01-01T00:00:00.000Z", fx.call("GET", "/organization", null).json().path("lastSyncedAt").asText());
        fx.clock.advance(Duration.ofMinutes(5));
        fx.setCount(sku, "1", "1");
        var organization = fx.call("GET", "/organization", null).json();
        assertEquals("active", organization.path("status").asText());
        assertEquals("2025-03-01T12:05:00.000Z", organization.path("lastSyncedAt").asText());
    }

    @Test
    void setCount_shouldKeepStatus_whenCountFails() {
        fx.mappedPair("1");
        fx.setCount("0123456789abcdef01234567", "1", "1");
        assertEquals("pending", fx.call("GET", "/organization", null).json().path("status").asText());
    }

    @Test
    void setCount_shouldResolveDeprecatedClientOId_whenAccountIsMappedToThatClient() {
        String sku = fx.createSku("Seats");
        fx.createAccounts("1");
        String clientId = fx.partner.clients().get(0).id();
        fx.control.mapAccount(fx.integrationId(), "1", clientId);
        fx.control.mapService(fx.integrationId(), sku);
        var response = fx.call("POST", "/service/" + sku + "/count", "{\"clientOId\":\"" + clientId + "\",\"unitCount\":4}");
        assertEquals(201, response.status(), response.body());
        assertEquals(0, new BigDecimal("4").compareTo(countOf(sku, "1")));
    }

    @Test
    void setCount_shouldAcceptOrganizationServiceInternalId_whenMapped() {
        fx.createAccounts("1");
        fx.control.mapAccount(fx.integrationId(), "1");
        var created = fx.call("POST", "/organization/services", "[{\"id\":\"svc-1\",\"name\":\"Seats\",\"description\":\"\"}]");
        assertEquals(201, created.status(), created.body());
        String internalId = created.json().get(0).path("_id").asText();
        fx.control.mapService(fx.integrationId(), "svc-1");
        assertEquals(201, fx.setCount(internalId, "1", "9").status());
        List<UnitCount> counts = fx.control.counts();
        assertEquals("Seats", counts.get(0).serviceName());
        assertEquals("Contoso MSP", counts.get(0).organizationName());
    }
}
