package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class StatusPageIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    private SandboxFixture.Response page() {
        return SandboxFixture.send(fx.http, HttpRequest.newBuilder(fx.sandbox.baseUri().resolve("/")).build());
    }

    @Test
    void statusPage_shouldShowIntegrationAccountsServicesAndCounts_whenStateExists() {
        String sku = fx.mappedPair("acct-1");
        fx.createAccounts("acct-2");
        fx.setCount(sku, "acct-1", "12");
        var response = page();
        assertEquals(200, response.status());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        String html = response.body();
        assertTrue(html.contains("<meta http-equiv=\"refresh\" content=\"2\">"));
        assertTrue(html.contains("id=\"integrations\""));
        assertTrue(html.contains("data-integration-id=\"" + fx.integrationId() + "\""));
        assertTrue(html.contains("Contoso MSP"));
        assertTrue(html.contains("<span class=\"status status-active\">active</span>"));
        assertTrue(html.contains("<tr class=\"account\" data-account-id=\"acct-1\">"));
        assertTrue(html.contains("<tr class=\"account\" data-account-id=\"acct-2\">"));
        assertTrue(html.contains("<tr class=\"service\" data-service-id=\"" + sku + "\">"));
        assertTrue(html.contains("<td class=\"count\" data-account-id=\"acct-1\" data-service-id=\"" + sku + "\">12</td>"));
        assertTrue(html.contains("<td class=\"mapped mapped-no\">no</td>"), "acct-2 is unmapped");
    }

    @Test
    void statusPage_shouldEscapeNames_whenTheyContainMarkup() {
        fx.call("POST", "/organization/accounts", "[{\"id\":\"x\",\"name\":\"<script>alert(1)</script>\"}]");
        String html = page().body();
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void statusPage_shouldNeverShowKeys_whenRendered() {
        String html = page().body();
        assertFalse(html.contains(SandboxFixture.VENDOR_KEY));
        assertFalse(html.contains(SandboxFixture.PARTNER_KEY));
    }
}
