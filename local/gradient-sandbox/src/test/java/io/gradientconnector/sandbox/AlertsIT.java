package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsIT {

    private static final String ALERT = """
            {"title":"Backup failed","description":"Job 7 failed","alertId":"backup-fail-1","priority":3,"status":1}""";

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    @BeforeEach
    void start() {
        fx.createAccounts("1");
        fx.control.mapAccount(fx.integrationId(), "1");
    }

    private String createAlert() {
        var response = fx.call("POST", "/alerting/1", ALERT);
        assertEquals(201, response.status(), response.body());
        return response.json().path("messageId").asText();
    }

    private JsonNode debug(String messageId) {
        var response = fx.call("GET", "/alerting/debug/" + messageId, null);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    @Test
    void createAlert_shouldReturnIdsAndQueuePending_whenValid() {
        var response = fx.call("POST", "/alerting/1", ALERT);
        assertEquals(201, response.status());
        JsonNode body = response.json();
        assertEquals("backup-fail-1", body.path("alertId").asText());
        assertEquals(36, body.path("messageId").asText().length());
        assertTrue(body.has("correlationID"));
        assertEquals("pending", debug(body.path("messageId").asText()).path("status").asText());
    }

    @Test
    void resolveAlert_shouldReportSuccessWithTicket_whenResolvedSuccess() {
        String messageId = createAlert();
        fx.control.resolveAlert(messageId, AlertResolution.success("T20250301.0042"));
        JsonNode debug = debug(messageId);
        assertEquals("success", debug.path("status").asText());
        assertEquals("T20250301.0042", debug.path("ticketId").asText());
        assertTrue(debug.path("statusCode").isNull());
    }

    @Test
    void resolveAlert_shouldReportErrors_whenResolvedFailed() {
        String messageId = createAlert();
        fx.control.resolveAlert(messageId, AlertResolution.failed(422, List.of("Board not mapped")));
        JsonNode debug = debug(messageId);
        assertEquals("failed", debug.path("status").asText());
        assertEquals(422, debug.path("statusCode").asInt());
        assertEquals("Board not mapped", debug.path("errors").get(0).asText());
    }

    @Test
    void createAlert_shouldActivatePendingIntegration_whenFirstAlertSucceeds() {
        createAlert();
        assertEquals("active", fx.call("GET", "/organization", null).json().path("status").asText());
    }

    @Test
    void createAlert_shouldReturn404_whenAccountIsUnknownOrUnmapped() {
        assertEquals(404, fx.call("POST", "/alerting/nope", ALERT).status());
        fx.createAccounts("2");
        var response = fx.call("POST", "/alerting/2", ALERT);
        assertEquals(404, response.status());
        assertEquals("No account map found with id: 2", response.message());
    }

    @Test
    void getAlert_shouldReturn404_whenMessageIdIsUnknownOrAnotherIntegrations() {
        assertEquals(404, fx.call("GET", "/alerting/debug/3f6c2a1e-9b7d-4c1e-8f00-1a2b3c4d5e6f", null).status());
        String messageId = createAlert();
        fx.control.createPartner(SandboxFixture.VENDOR_KEY, "other", "Other MSP", List.of());
        String other = SandboxControl.gradientToken(SandboxFixture.VENDOR_KEY, "other");
        assertEquals(404, fx.call("GET", "/alerting/debug/" + messageId, null, "GRADIENT-TOKEN", other).status());
    }

    @Test
    void config_shouldResolveAlertsByThemselves_afterTheDelayWithTheConfiguredShares() {
        fx.control.config(ConfigUpdate.builder().alertResolveMillis(5_000).alertFailRate(0.3).alertPendingRate(0.2)
                .alertSeed(7).build());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var response = fx.call("POST", "/alerting/1", ALERT.replace("backup-fail-1", "auto-" + i));
            assertEquals(201, response.status(), response.body());
            ids.add(response.json().path("messageId").asText());
        }
        fx.clock.advance(java.time.Duration.ofMillis(4_999));
        assertTrue(ids.stream().allMatch(id -> debug(id).path("status").asText().equals("pending")), "not before the delay");
        fx.clock.advance(java.time.Duration.ofMillis(1));
        java.util.Map<String, Long> byStatus = new java.util.TreeMap<>();
        for (String id : ids) {
            JsonNode d = debug(id);
            byStatus.merge(d.path("status").asText(), 1L, Long::sum);
            switch (d.path("status").asText()) {
                case "success" -> assertTrue(d.path("ticketId").asText().startsWith("T"), d.toString());
                case "failed" -> {
                    assertEquals(400, d.path("statusCode").asInt());
                    assertTrue(d.path("errors").size() > 0, d.toString());
                }
                default -> assertTrue(d.path("ticketId").isNull(), d.toString());
            }
        }
        assertTrue(byStatus.getOrDefault("success", 0L) > 10 && byStatus.getOrDefault("failed", 0L) > 3
                && byStatus.getOrDefault("pending", 0L) > 2, "shares roughly as configured: " + byStatus);
        fx.clock.advance(java.time.Duration.ofDays(1));
        assertEquals(byStatus.getOrDefault("pending", 0L),
                ids.stream().filter(id -> debug(id).path("status").asText().equals("pending")).count(),
                "the pending share stays pending forever");
        String page = SandboxFixture.send(fx.http, java.net.http.HttpRequest.newBuilder(fx.sandbox.baseUri().resolve("/"))
                .build()).body();
        assertTrue(page.contains("class=\"alerts\"") && page.contains("data-alert-id=\"auto-0\""), "status page lists them");
    }
}
