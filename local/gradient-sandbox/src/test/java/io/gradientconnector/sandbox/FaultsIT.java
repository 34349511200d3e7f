package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FaultsIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    private int organizationStatus() {
        return fx.call("GET", "/organization", null).status();
    }

    /** Sends one raw HTTP/1.1 request on a fresh socket; returns everything the server wrote before closing. */
    private String rawExchange() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fx.sandbox.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/vendor-api/organization HTTP/1.1\r\nHost: 127.0.0.1\r\nGRADIENT-TOKEN: " + fx.token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void scriptedFaults_shouldApplyInOrder_whenNextIsSet() {
        fx.control.faults(FaultPlan.builder().next(ScriptedFault.rateLimited(7), ScriptedFault.serverError(503),
                ScriptedFault.serverError(500)).build());
        var tooMany = fx.call("GET", "/organization", null);
        assertEquals(429, tooMany.status());
        assertEquals("7", tooMany.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("Request limit reached (10000 requests a second)", tooMany.message());
        var unavailable = fx.call("GET", "/organization", null);
        assertEquals(503, unavailable.status());
        assertEquals(503, unavailable.json().path("statusCode").asInt());
        assertEquals(500, organizationStatus());
        assertEquals(200, organizationStatus());
    }

    @Test
    void scriptedForbidden_shouldAnswer403WithAnomalyMessage_whenNextIsForbidden() {
        fx.control.faults(FaultPlan.builder().next(ScriptedFault.forbidden()).build());
        var forbidden = fx.call("GET", "/organization", null);
        assertEquals(403, forbidden.status());
        assertEquals(403, forbidden.json().path("statusCode").asInt());
        assertTrue(forbidden.message().contains("anomaly"), forbidden.message());
        assertEquals(200, organizationStatus());
    }

    @Test
    void scripted429_shouldUsePlanRetryAfter_whenFaultHasNone() {
        fx.control.faults(FaultPlan.builder().retryAfterSeconds(3).next(ScriptedFault.rateLimited(null)).build());
        assertEquals("3", fx.call("GET", "/organization", null).headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void scriptedDrop_shouldCloseConnectionWithoutResponse_whenNextIsDrop() throws IOException {
        fx.control.faults(FaultPlan.builder().next(ScriptedFault.drop()).build());
        assertEquals("", rawExchange(), "no status line, no bytes");
        assertTrue(rawExchange().startsWith("HTTP/1.1 200"), "only the next request is dropped");
    }

    @Test
    void scriptedDrop_shouldSurfaceAsIOException_whenJavaHttpClientPosts() {
        String sku = fx.mappedPair("1");
        fx.control.faults(FaultPlan.builder().next(ScriptedFault.drop()).build());
        // POST, because java.net.http silently retries an idempotent GET once when the connection closes empty.
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(fx.uri("/service/" + sku + "/count"))
                    .header("GRADIENT-TOKEN", fx.token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"accountId\":\"1\",\"unitCount\":1}"))
                    .timeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> fresh.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        assertTrue(fx.control.counts().isEmpty(), "a dropped request changes nothing");
    }

    @Test
    void scriptedSlow_shouldStillAnswerNormally_whenNextIsSlow() {
        fx.control.faults(FaultPlan.builder().next(ScriptedFault.slow(20)).build());
        assertEquals(200, organizationStatus());
        assertEquals("slow", fx.control.requests().get(0).fault());
    }

    @Test
    void faults_shouldBeRecorded_whenInjected() throws IOException {
        fx.control.faults(FaultPlan.builder().next(ScriptedFault.serverError(503), ScriptedFault.drop()).build());
        organizationStatus();
        // A raw socket: java.net.http may silently retry a GET dropped on a reused connection.
        assertEquals("", rawExchange());
        List<RecordedRequest> requests = fx.control.requests();
        assertEquals("503", requests.get(0).fault());
        assertEquals(503, requests.get(0).status());
        assertEquals("drop", requests.get(1).fault());
        assertEquals(0, requests.get(1).status());
    }

    @Test
    void outage_shouldAnswer503UntilWindowEnds_whenOutageSecondsSet() {
        fx.control.faults(FaultPlan.builder().outageSeconds(30).build());
        assertEquals(503, organizationStatus());
        fx.clock.advance(Duration.ofSeconds(29));
        assertEquals(503, organizationStatus());
        fx.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, organizationStatus());
    }

    @Test
    void outage_shouldDropConnections_whenModeIsDrop() throws IOException {
        fx.control.faults(FaultPlan.builder().outageSeconds(5).outageMode("drop").build());
        assertEquals("", rawExchange());
        fx.clock.advance(Duration.ofSeconds(5));
        assertTrue(rawExchange().startsWith("HTTP/1.1 200"));
    }

    @Test
    void outage_shouldNotAffectControlRoutes_whenActive() {
        fx.control.faults(FaultPlan.builder().outageSeconds(30).build());
        assertTrue(fx.control.counts().isEmpty());
        assertEquals(30, fx.control.state().path("faults").path("plan").path("outageSeconds").asInt());
    }

    @Test
    void randomFaults_shouldBeDeterministic_whenSeedIsFixed() {
        FaultPlan plan = FaultPlan.builder().rate5xx(0.5).status5xx(502).seed(42).build();
        fx.control.faults(plan);
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            first.append(organizationStatus()).append(' ');
        }
        fx.control.faults(plan);
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            second.append(organizationStatus()).append(' ');
        }
        assertEquals(first.toString(), second.toString());
        assertTrue(first.toString().contains("502") && first.toString().contains("200"), first.toString());
    }

    @Test
    void randomFaults_shouldHitEveryRequest_whenRateIsOne() {
        fx.control.faults(FaultPlan.builder().rate429(1.0).retryAfterSeconds(0).build());
        var response = fx.call("GET", "/organization", null);
        assertEquals(429, response.status());
        assertTrue(response.headers().firstValue("Retry-After").isEmpty());
    }

    @Test
    void clearFaults_shouldRestoreNormalAnswers_whenCalled() {
        fx.control.faults(FaultPlan.builder().rate5xx(1.0).build());
        assertEquals(500, organizationStatus());
        fx.control.clearFaults();
        assertEquals(200, organizationStatus());
    }

    @Test
    void faults_shouldReturn400_whenPlanIsInvalid() {
        var response = SandboxFixture.send(fx.http, HttpRequest.newBuilder(
                        java.net.URI.create(fx.sandbox.baseUri() + "/__sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"rate429\":2,\"next\":[{\"kind\":\"teapot\"}]}")).build());
        assertEquals(400, response.status());
    }
}
