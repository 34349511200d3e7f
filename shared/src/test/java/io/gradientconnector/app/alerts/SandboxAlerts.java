package io.gradientconnector.app.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.sandbox.SandboxControl;

import java.util.ArrayList;
import java.util.List;

/** What the sandbox itself recorded about an integration's alerts: the ground truth the alert tests judge by. */
final class SandboxAlerts {
    private SandboxAlerts() {
    }

    /** Every alert the sandbox queued for the integration (a resent alertId appears twice: two tickets). */
    static List<JsonNode> of(SandboxControl control, String integrationId) {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode vendor : control.state().path("vendors")) {
            for (JsonNode integration : vendor.path("integrations")) {
                if (integration.path("integrationId").asText().equals(integrationId)) {
                    integration.path("alerts").forEach(alerts::add);
                }
            }
        }
        return alerts;
    }

    static long withAlertId(SandboxControl control, String integrationId, String alertId) {
        return of(control, integrationId).stream().filter(a -> a.path("alertId").asText().equals(alertId)).count();
    }
}
