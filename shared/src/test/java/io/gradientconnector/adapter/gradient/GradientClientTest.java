package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
}
