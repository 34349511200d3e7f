package io.gradientconnector.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The banner's walkthrough, over HTTP: connect the demo partner, send a signed batch (signed here in Java, the way
 * the openssl one-liner does), ask for an account sync, wait for the count in the sandbox.
 */
final class Walkthrough {

    static final String PARTNER = Banner.PARTNER_ID;
    static final String ACCOUNT = "acct-1";
    static final String ACCOUNT_NAME = "Acme Dental";
    static final int QUANTITY = 12;

    private final URI api;
    private final String portalKey;
    private final String webhookSecret;
    private final String service;

    Walkthrough(URI api, String portalKey, String webhookSecret) {
        this.api = api;
        this.portalKey = portalKey;
        this.webhookSecret = webhookSecret;
        this.service = Banner.firstServiceKey(TestStack.ROOT);
    }

    /** Step 1: the portal submits the demo partner key. */
    JsonNode connect() {
        Http.Response response = Http.send("PUT", api.resolve("/partners/" + PARTNER + "/gradient"),
                "{\"partnerApiKey\":\"demo-partner-key\"}", "x-api-key", portalKey, "content-type",
                "application/json");
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    /** Step 2: a signed account.upserted + usage.set batch. */
    JsonNode sendEvents() {
        String body = "{\"events\":["
                + "{\"id\":\"evt-1\",\"type\":\"account.upserted\",\"partnerId\":\"" + PARTNER + "\","
                + "\"occurredAt\":\"2025-01-01T00:00:00Z\",\"account\":{\"id\":\"" + ACCOUNT + "\",\"name\":\""
                + ACCOUNT_NAME + "\"}},"
                + "{\"id\":\"evt-2\",\"type\":\"usage.set\",\"partnerId\":\"" + PARTNER + "\","
                + "\"occurredAt\":\"2025-01-01T00:00:01Z\",\"accountId\":\"" + ACCOUNT + "\",\"service\":\"" + service
                + "\",\"quantity\":" + QUANTITY + "}]}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Http.Response response = Http.send("POST", api.resolve("/webhooks/vendor-events"), body,
                "content-type", "application/json", "X-Webhook-Timestamp", timestamp,
                "X-Webhook-Signature", "v1=" + sign(timestamp + "." + body));
        assertEquals(202, response.status(), response.body());
        return response.json();
    }

    /** Step 3: an account sync now. */
    void requestSync() {
        Http.Response response = Http.send("POST", api.resolve("/partners/" + PARTNER + "/gradient/sync"),
                (String) null, "x-api-key", portalKey);
        assertEquals(202, response.status(), response.body());
    }

    /** Step 4: waits until the sandbox holds the count, asking for another sync now and then (the banner's advice). */
    void awaitCount(URI sandbox, Duration timeout) {
        Instant nextSync = Instant.now().plusSeconds(10);
        Instant deadline = Instant.now().plus(timeout);
        while (!hasCount(sandbox)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no count of " + QUANTITY + " in the sandbox within " + timeout + ": "
                        + Http.send("GET", sandbox.resolve("/__sandbox/counts"), (String) null).body());
            }
            if (Instant.now().isAfter(nextSync)) {
                requestSync();
                nextSync = Instant.now().plusSeconds(10);
            }
            pause();
        }
    }

    /**
     * Step 5: the operators' views agree: the report line is {@code pushed} with the count Gradient holds, its push
     * history has the applied attempt, and the partners list shows the partner. Waits a moment for the push result to
     * be recorded after the count reached the sandbox.
     */
    void checkReport(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Http.Response report = Http.send("GET", api.resolve("/partners/" + PARTNER + "/gradient/report"),
                    (String) null, "x-api-key", portalKey);
            assertEquals(200, report.status(), report.body());
            JsonNode line = report.json().path("lines").path(0);
            if (line.path("state").asText().equals("pushed")) {
                assertEquals(ACCOUNT, line.path("accountId").asText(), report.body());
                assertEquals(QUANTITY, line.path("confirmedCount").asInt(), report.body());
                assertEquals(0, line.path("difference").asInt(), report.body());
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the report line never became pushed: " + report.body());
            }
            pause();
        }
        Http.Response pushes = Http.send("GET", api.resolve("/partners/" + PARTNER
                + "/gradient/report/pushes?accountId=" + ACCOUNT + "&service=" + service), (String) null,
                "x-api-key", portalKey);
        assertEquals(200, pushes.status(), pushes.body());
        boolean applied = false;
        for (JsonNode attempt : pushes.json().path("pushes")) {
            applied |= attempt.path("outcome").asText().equals("APPLIED") && attempt.path("count").asInt() == QUANTITY;
        }
        assertTrue(applied, "an applied push of " + QUANTITY + " in the audit trail: " + pushes.body());
        Http.Response partners = Http.send("GET", api.resolve("/partners?status=active"), (String) null,
                "x-api-key", portalKey);
        assertEquals(200, partners.status(), partners.body());
        assertEquals(PARTNER, partners.json().path("partners").path(0).path("partnerId").asText(), partners.body());
    }

    /** Step 6: a signed alert for the account; returns the webhook's answer. */
    JsonNode sendAlert() {
        String body = "{\"id\":\"alert-1\",\"type\":\"alert.raised\",\"partnerId\":\"" + PARTNER + "\","
                + "\"occurredAt\":\"2025-01-01T00:00:02Z\",\"accountId\":\"" + ACCOUNT + "\","
                + "\"title\":\"Backup failed\",\"description\":\"Nightly job failed\",\"priority\":3,\"status\":1}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Http.Response response = Http.send("POST", api.resolve("/webhooks/vendor-events"), body,
                "content-type", "application/json", "X-Webhook-Timestamp", timestamp,
                "X-Webhook-Signature", "v1=" + sign(timestamp + "." + body));
        assertEquals(202, response.status(), response.body());
        return response.json();
    }

    /** Step 7: waits until the portal lists the alert as a ticket (the sandbox resolves it after 2 s). */
    JsonNode awaitTicket(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Http.Response response = Http.send("GET",
                    api.resolve("/partners/" + PARTNER + "/gradient/alerts?status=ticketed"), (String) null,
                    "x-api-key", portalKey);
            assertEquals(200, response.status(), response.body());
            if (response.json().path("alerts").size() == 1) {
                return response.json().path("alerts").get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the alert was not ticketed within " + timeout + ": " + Http.send("GET",
                        api.resolve("/partners/" + PARTNER + "/gradient/alerts"), (String) null, "x-api-key",
                        portalKey).body());
            }
            pause();
        }
    }

    static boolean hasCount(URI sandbox) {
        Http.Response counts = Http.send("GET", sandbox.resolve("/__sandbox/counts"), (String) null);
        for (JsonNode count : counts.json()) {
            if (count.path("accountId").asText().equals(ACCOUNT)
                    && count.path("unitCount").decimalValue().intValue() == QUANTITY) {
                return true;
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
