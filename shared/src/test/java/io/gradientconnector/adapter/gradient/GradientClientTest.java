package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.RecordingLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GradientClientTest {

    @Test
    void build_shouldRequireBaseUri_whenMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradientClient.builder().build());
        assertEquals("baseUri is required", e.getMessage());
    }

    @Test
    void build_shouldRejectApiPrefix_whenBaseUriIsNotTheHostRoot() {
        assertThrows(IllegalArgumentException.class,
                () -> GradientClient.builder().baseUri("https://app.usegradient.com/api").build());
        assertThrows(IllegalArgumentException.class,
                () -> GradientClient.builder().baseUri("https://app.usegradient.com/api/vendor-api/").build());
        assertThrows(IllegalArgumentException.class, () -> GradientClient.builder().baseUri("ftp://x").build());
        assertThrows(IllegalArgumentException.class, () -> GradientClient.builder().baseUri("https://x/?a=b").build());
    }

    @Test
    void build_shouldAcceptHostRootOrProxyPrefix_whenValid() {
        assertEquals("https://app.usegradient.com",
                GradientClient.builder().baseUri("https://app.usegradient.com").build().baseUri().toString());
        GradientClient.builder().baseUri("http://127.0.0.1:8089/gradient-proxy/").build();
    }

    @Test
    void defaults_shouldMatchTheDocumentedValues_whenNothingSet() {
        GradientClientOptions o = GradientClientOptions.defaults();
        assertEquals(Duration.ofSeconds(10), o.requestTimeout());
        assertEquals(Duration.ofSeconds(3), o.connectTimeout());
        assertEquals(100, o.requestsPerSecond());
        assertEquals(RetryPolicy.defaults(), o.retry());
        assertEquals(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30)), o.retry());
        assertEquals(100, o.accountChunkSize());
        assertEquals("/api/vendor-api/service/{serviceId}/count/add", o.addCountPath());
        assertEquals("/api/vendor-api/service/{serviceId}/count/subtract", o.subtractCountPath());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void options_shouldNameTheField_whenInvalid() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientClientOptions.builder().addCountPath("/count/add").build()).getMessage().startsWith("addCountPath"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientClientOptions.builder().requestsPerSecond(0).build()).getMessage().startsWith("requestsPerSecond"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientClientOptions.builder().accountChunkSize(0).build()).getMessage().startsWith("accountChunkSize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientClientOptions.builder().requestTimeout(Duration.ZERO).build()).getMessage().startsWith("requestTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GradientClientOptions.builder().userAgent("a\nb").build()).getMessage().startsWith("userAgent"));
    }

    @Test
    void serviceEnums_shouldRoundTripExactWireStrings_whenParsed() {
        assertEquals(7, ServiceCategory.values().length);
        assertEquals(46, ServiceSubcategory.values().length);
        for (ServiceSubcategory s : ServiceSubcategory.values()) {
            assertEquals(s, ServiceSubcategory.fromWire(s.wireValue()));
        }
        assertEquals("DNS filtering", ServiceSubcategory.DNS_FILTERING.wireValue());
        assertEquals("business intelligence services / analytics",
                ServiceSubcategory.BUSINESS_INTELLIGENCE_SERVICES_ANALYTICS.wireValue());
        assertThrows(IllegalArgumentException.class, () -> ServiceCategory.fromWire("Backup"));
    }

    @Test
    void metrics_shouldCountEveryCallAndTheCallsTheBucketDelayed_whenGiven() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2024-06-01T00:00:00Z"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Metrics metrics = Metrics.builder().function("usage-push").clock(clock)
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
        FakeTransport transport = new FakeTransport();
        for (int i = 0; i < 3; i++) {
            transport.respond(200, "{\"organizationId\":\"o1\",\"name\":\"MSP\",\"vendorId\":\"v1\","
                    + "\"vendorName\":\"V\",\"integrationId\":\"i1\",\"status\":\"pending\","
                    + "\"lastSyncedAt\":\"1900-01-01T00:00:00.000Z\"}");
        }
        // Clock frozen: the first call finds a permit, the next two wait for theirs.
        GradientClient client = GradientClient.builder().baseUri("https://gradient.test").transport(transport)
                .clock(clock).sleeper(new RecordingSleeper(null)).logger(new RecordingLogger())
                .rateLimiter(RateLimiter.create(10, clock, new RecordingSleeper(null))).metrics(metrics).build();
        PartnerSession session = client.session(new GradientCredentials("vendor-key", "partner-key"));

        for (int i = 0; i < 3; i++) {
            session.getIntegration();
        }
        metrics.flush();

        String emf = out.toString(StandardCharsets.UTF_8);
        assertTrue(emf.contains("\"gradientCalls\":3"), emf);
        assertTrue(emf.contains("\"rateLimitWaits\":2"), emf);
    }
}
