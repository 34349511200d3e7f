package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class IntegrationLifecycleIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    @Test
    void updateStatus_shouldReturnEnvelope_whenStatusIsValid() {
        var response = fx.call("PATCH", "/organization/status/active", null);
        assertEquals(200, response.status());
        assertEquals(200, response.json().path("status").asInt());
        assertEquals("Success - Updated Integration Status", response.json().path("message").asText());
        assertEquals("active", response.json().path("data").path("status").asText());
    }

    @Test
    void disconnect_shouldDeleteAccountsMappingsAndCounts_whenPartnerDisconnects() {
        String sku = fx.mappedPair("1");
        fx.setCount(sku, "1", "3");
        fx.control.disconnect(fx.integrationId());
        assertEquals(0, fx.call("GET", "/organization/accounts", null).json().size());
        assertTrue(fx.control.counts().isEmpty());
        assertEquals("inactive", fx.call("GET", "/organization", null).json().path("status").asText());
        // Recreated accounts start unmapped, so counts 404 again until the MSP maps them.
        fx.createAccounts("1");
        assertEquals(404, fx.setCount(sku, "1", "3").status());
    }

    @Test
    void regenerateKey_shouldKeepAccountsAndRejectOldKey_whenPartnerRegenerates() {
        String sku = fx.mappedPair("1");
        fx.control.regenerateKey(fx.integrationId(), "pk-new");
        assertEquals(401, fx.call("GET", "/organization", null).status());
        String newToken = SandboxControl.gradientToken(SandboxFixture.VENDOR_KEY, "pk-new");
        var accounts = fx.call("GET", "/organization/accounts", null, "GRADIENT-TOKEN", newToken);
        assertEquals(200, accounts.status());
        assertEquals("1", accounts.json().get(0).path("id").asText());
        assertEquals(201, fx.call("POST", "/service/" + sku + "/count", "{\"accountId\":\"1\",\"unitCount\":1}",
                "GRADIENT-TOKEN", newToken).status());
    }

    @Test
    void createPartner_shouldReturn409_whenPartnerKeyIsTakenForVendor() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(SandboxControl.SandboxControlException.class,
                () -> fx.control.createPartner(SandboxFixture.VENDOR_KEY, SandboxFixture.PARTNER_KEY, "Dup",
                        java.util.List.of()));
        assertEquals(409, error.status());
        assertTrue(!error.getMessage().contains(SandboxFixture.PARTNER_KEY), "keys never in error messages");
    }

    @Test
    void reset_shouldForgetEverything_whenCalled() {
        fx.mappedPair("1");
        fx.control.reset();
        assertEquals(401, fx.call("GET", "/organization", null).status());
        assertEquals(0, fx.control.state().path("vendors").size());
    }
}
