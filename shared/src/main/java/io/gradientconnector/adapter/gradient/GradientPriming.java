package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.AccountQuery;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SnapStart priming of the Gradient client (docs/DEPLOY.md): a client built like the production one but over a
 * canned {@link Transport} runs the common routes once — build the request (URI template, token header, JSON body),
 * parse a representative answer — so their classes are loaded and initialised before the snapshot. Nothing leaves
 * the process: the canned transport answers every request itself, and the credentials are placeholders, never a
 * partner's or the vendor's key. Thread-safe (stateless).
 */
public final class GradientPriming {
    private static final String VENDOR = "{\"_id\":\"v1\",\"id\":\"v1\",\"name\":\"Vendor\",\"integrationType\":\"custom\","
            + "\"isDistributor\":false,\"modules\":[{\"variation\":\"billing\"}],\"skus\":[{\"_id\":\"s1\",\"id\":\"s1\","
            + "\"name\":\"Service\",\"category\":\"backup\",\"subcategory\":\"cloud backup\"}],\"__v\":0}";
    private static final String INTEGRATION = "{\"organizationId\":\"o1\",\"name\":\"MSP\",\"vendorId\":\"v1\","
            + "\"vendorName\":\"Vendor\",\"integrationId\":\"i1\",\"status\":\"active\","
            + "\"lastSyncedAt\":\"1900-01-01T00:00:00.000Z\"}";
    private static final String ACCOUNTS = "[{\"id\":\"a1\",\"name\":\"Account\",\"mappingId\":\"m1\"},"
            + "{\"id\":\"a2\",\"name\":\"Other\",\"isMapped\":true}]";

    private static final String ALERT_CREATED = "{\"messageId\":\"m1\",\"alertId\":\"priming-alert\","
            + "\"correlationID\":\"c1\"}";
    private static final String ALERT_STATUS = "{\"messageId\":\"m1\",\"status\":\"success\",\"ticketId\":\"T1\","
            + "\"createdAt\":\"2025-01-01T00:00:00.000Z\",\"errors\":[]}";

    private GradientPriming() {
    }

    /** Runs the routes; returns how many requests the canned transport answered (never the network). */
    public static int prime(Clock clock) {
        AtomicInteger answered = new AtomicInteger();
        Transport canned = request -> {
            answered.incrementAndGet();
            String path = request.uri().getPath();
            String body = path.contains("/alerting/debug/") ? ALERT_STATUS
                    : path.contains("/alerting/") ? ALERT_CREATED
                    : path.endsWith("/organization") ? INTEGRATION
                    : path.endsWith("/organization/accounts") ? ACCOUNTS
                    : path.endsWith("/count") ? "{\"status\":200,\"message\":\"ok\"}"
                    : "{\"status\":200,\"message\":\"ok\",\"data\":" + VENDOR + "}";
            return new Transport.Response(200, Map.of("content-type", List.of("application/json")), body);
        };
        GradientClient client = GradientClient.builder()
                .baseUri("https://gradient.priming.invalid")
                .transport(canned)
                .clock(clock)
                .options(GradientClientOptions.builder().requestsPerSecond(10_000).build())
                .build();
        PartnerSession session = client.session(new GradientCredentials("priming-placeholder",
                "priming-placeholder"));
        session.getIntegration();
        session.getVendor();
        session.listAccounts(AccountQuery.all());
        session.setUnitCount("s1", "a1", BigDecimal.ONE, true);
        // The alert worker's two routes (the POST goes through the client's single-attempt path).
        session.dispatchAlert("a1", new AlertRequest("Priming", "Priming alert", "priming-alert", 3, 1, null, null));
        session.alertStatus("m1");
        return answered.get();
    }
}
