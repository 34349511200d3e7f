package io.gradientconnector.sandbox;

import io.gradientconnector.sandbox.SandboxState.Account;
import io.gradientconnector.sandbox.SandboxState.Count;
import io.gradientconnector.sandbox.SandboxState.CountKey;
import io.gradientconnector.sandbox.SandboxState.Integration;
import io.gradientconnector.sandbox.SandboxState.OrgService;
import io.gradientconnector.sandbox.SandboxState.Sku;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET / — roughly what the MSP sees in Gradient: per integration its status and last sync, accounts and services
 * with their mapping, and the unit counts (service × account). Plain escaped HTML that refreshes every 2 s.
 * Stable hooks for browser tests: {@code #integrations}, {@code section.integration[data-integration-id]},
 * {@code tr[data-account-id]}, {@code tr[data-service-id]}, {@code td.count[data-account-id][data-service-id]},
 * {@code .status}, {@code .last-synced}, {@code .mapped}, {@code tr.alert[data-message-id][data-alert-id]} with
 * {@code .alert-status} and {@code .alert-outcome} (the ticket id, or the status code and errors). Pure function of the state; callers hold the lock.
 */
final class StatusPage {

    private StatusPage() {
    }

    static String render(SandboxState state, SandboxConfig config, Instant now) {
        StringBuilder html = new StringBuilder(4096);
        html.append("""
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="refresh" content="2">
                <title>Gradient sandbox</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
                h1{font-size:1.4rem}h2{font-size:1.15rem;margin:0 0 .3rem}h3{font-size:1rem;margin:.8rem 0 .3rem}
                section.integration{border:1px solid #ccc;border-radius:6px;padding:.8rem 1rem;margin:1rem 0}
                table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .6rem;text-align:left}
                th{background:#f4f4f4}td.count{text-align:right;font-variant-numeric:tabular-nums}
                .status{font-weight:600;padding:0 .4rem;border-radius:4px}
                .status-active{background:#d8f5d8}.status-pending{background:#fff2c4}.status-inactive{background:#eee}
                .mapped-yes{color:#17692b}.mapped-no{color:#a33}.muted{color:#777}
                </style>
                </head>
                <body>
                <h1>Gradient sandbox</h1>
                """);
        html.append("<p id=\"summary\" class=\"muted\">").append(state.integrationsById.size())
                .append(" integration(s) · rate limit ").append(config.rateLimitPerSecond())
                .append(" requests/s · rebuild quiet period ").append(config.rebuildQuietMillis())
                .append(" ms · rendered ").append(escape(Json.time(now))).append("</p>\n");
        html.append("<div id=\"integrations\">\n");
        if (state.integrationsById.isEmpty()) {
            html.append("<p class=\"empty muted\">No integrations yet. Seed one through POST /__sandbox/partners "
                    + "or start with --demo.</p>\n");
        }
        for (Integration integration : state.integrationsById.values()) {
            renderIntegration(html, integration, state);
        }
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void renderIntegration(StringBuilder html, Integration integration, SandboxState state) {
        String id = escape(integration.id);
        html.append("<section class=\"integration\" id=\"integration-").append(id)
                .append("\" data-integration-id=\"").append(id).append("\">\n");
        html.append("<h2 class=\"org-name\">").append(escape(integration.organizationName)).append("</h2>\n");
        html.append("<p>Vendor <span class=\"vendor-name\">").append(escape(integration.vendor.name))
                .append("</span> · status <span class=\"status status-").append(escape(integration.status))
                .append("\">").append(escape(integration.status)).append("</span> · last synced <span ")
                .append("class=\"last-synced\">")
                .append(integration.lastSyncedAt.equals(SandboxState.NEVER) ? "never"
                        : escape(Json.time(integration.lastSyncedAt)))
                .append("</span> · billing rebuilds <span class=\"rebuilds\">").append(integration.rebuilds)
                .append("</span>").append(integration.rebuildDueAt != null ? " (one pending)" : "")
                .append("</p>\n");

        html.append("<h3>Accounts</h3>\n<table class=\"accounts\">\n")
                .append("<tr><th>Account id</th><th>Name</th><th>Mapped</th></tr>\n");
        if (integration.accounts.isEmpty()) {
            html.append("<tr class=\"empty\"><td colspan=\"3\" class=\"muted\">no accounts</td></tr>\n");
        }
        for (Account account : integration.accounts.values()) {
            html.append("<tr class=\"account\" data-account-id=\"").append(escape(account.id)).append("\"><td>")
                    .append(escape(account.id)).append("</td><td class=\"account-name\">")
                    .append(escape(account.name)).append("</td>").append(mappedCell(account.isMapped()))
                    .append("</tr>\n");
        }
        html.append("</table>\n");

        Map<String, String> services = services(integration);
        html.append("<h3>Services</h3>\n<table class=\"services\">\n")
                .append("<tr><th>Service id</th><th>Name</th><th>Mapped</th></tr>\n");
        if (services.isEmpty()) {
            html.append("<tr class=\"empty\"><td colspan=\"3\" class=\"muted\">no services</td></tr>\n");
        }
        services.forEach((serviceId, name) -> html.append("<tr class=\"service\" data-service-id=\"")
                .append(escape(serviceId)).append("\"><td>").append(escape(serviceId))
                .append("</td><td class=\"service-name\">").append(escape(name)).append("</td>")
                .append(mappedCell(integration.serviceMappings.containsKey(serviceId))).append("</tr>\n"));
        html.append("</table>\n");

        renderCounts(html, integration, services);
        renderAlerts(html, integration, state);
        html.append("</section>\n");
    }

    /** The integration's alerts, newest first: what the PSA made of each (ticket, failure, still pending). */
    private static void renderAlerts(StringBuilder html, Integration integration, SandboxState state) {
        java.util.List<SandboxState.Alert> alerts = new java.util.ArrayList<>();
        state.alertsByMessageId.values().forEach(a -> {
            if (a.integrationId.equals(integration.id)) {
                alerts.add(a);
            }
        });
        java.util.Collections.reverse(alerts);
        html.append("<h3>Alerts</h3>\n<table class=\"alerts\">\n<tr><th>Alert id</th><th>Account</th><th>Title</th>")
                .append("<th>Priority</th><th>Status</th><th>Ticket or errors</th></tr>\n");
        if (alerts.isEmpty()) {
            html.append("<tr class=\"empty\"><td colspan=\"6\" class=\"muted\">no alerts</td></tr>\n");
        }
        for (SandboxState.Alert alert : alerts) {
            String outcome = alert.ticketId != null ? alert.ticketId
                    : alert.errors.isEmpty() ? (alert.resolveAt == null && alert.status.equals("pending") ? "–" : "…")
                    : alert.statusCode + ": " + String.join("; ", alert.errors);
            html.append("<tr class=\"alert\" data-message-id=\"").append(escape(alert.messageId))
                    .append("\" data-alert-id=\"").append(escape(alert.alertId)).append("\"><td>")
                    .append(escape(alert.alertId)).append("</td><td>").append(escape(alert.accountId))
                    .append("</td><td class=\"alert-title\">").append(escape(alert.title)).append("</td><td>")
                    .append(alert.priority).append("</td><td class=\"alert-status alert-").append(escape(alert.status))
                    .append("\">").append(escape(alert.status)).append("</td><td class=\"alert-outcome\">")
                    .append(escape(outcome)).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** Accounts as rows, services with a mapping or a count as columns. */
    private static void renderCounts(StringBuilder html, Integration integration, Map<String, String> services) {
        Map<String, String> columns = new LinkedHashMap<>();
        services.forEach((serviceId, name) -> {
            boolean counted = integration.counts.keySet().stream().anyMatch(k -> k.serviceId().equals(serviceId));
            if (counted || integration.serviceMappings.containsKey(serviceId)) {
                columns.put(serviceId, name);
            }
        });
        html.append("<h3>Unit counts</h3>\n<table class=\"counts\">\n<tr><th>Account</th>");
        columns.forEach((serviceId, name) -> html.append("<th data-service-id=\"").append(escape(serviceId))
                .append("\">").append(escape(name)).append("</th>"));
        html.append("</tr>\n");
        for (Account account : integration.accounts.values()) {
            html.append("<tr data-account-id=\"").append(escape(account.id)).append("\"><th>")
                    .append(escape(account.name)).append("</th>");
            for (String serviceId : columns.keySet()) {
                Count count = integration.counts.get(new CountKey(serviceId, account.id));
                html.append("<td");
                if (count == null) {
                    html.append(" class=\"no-count muted\">–</td>");
                } else {
                    html.append(" class=\"count\" data-account-id=\"").append(escape(account.id))
                            .append("\" data-service-id=\"").append(escape(serviceId)).append("\">")
                            .append(count.value.toPlainString()).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Vendor SKUs, then this organization's own services (by internal id), with display names. */
    private static Map<String, String> services(Integration integration) {
        Map<String, String> services = new LinkedHashMap<>();
        for (Sku sku : integration.vendor.skus.values()) {
            services.put(sku.id, sku.name);
        }
        for (OrgService service : integration.orgServices.values()) {
            services.put(service.internalId, service.name + " (" + service.id + ")");
        }
        return services;
    }

    private static String mappedCell(boolean mapped) {
        return mapped ? "<td class=\"mapped mapped-yes\">yes</td>" : "<td class=\"mapped mapped-no\">no</td>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
