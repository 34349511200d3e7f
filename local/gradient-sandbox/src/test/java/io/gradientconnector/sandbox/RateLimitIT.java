package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The clock is frozen, so "in one second" is exact: no timing in these tests. */
class RateLimitIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start(options -> options.rateLimitPerSecond(5));

    private int organizationStatus() {
        return fx.call("GET", "/organization", null).status();
    }

    @Test
    void vendorApi_shouldReturn429WithRetryAfter_whenLimitIsExceededInOneSecond() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, organizationStatus(), "request " + (i + 1));
        }
        var limited = fx.call("GET", "/organization", null);
        assertEquals(429, limited.status());
        assertEquals("Request limit reached (5 requests a second)", limited.message());
        assertEquals(429, limited.json().path("statusCode").asInt());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void vendorApi_shouldAdmitAgain_whenTheWindowSlides() {
        for (int i = 0; i < 5; i++) {
            organizationStatus();
        }
        fx.clock.advance(Duration.ofMillis(999));
        assertEquals(429, organizationStatus());
        fx.clock.advance(Duration.ofMillis(1));
        assertEquals(200, organizationStatus());
    }

    @Test
    void vendorApi_shouldCountAllTokens_whenRequestsComeFromDifferentPartners() {
        fx.control.createPartner(SandboxFixture.VENDOR_KEY, "other-partner", "Other", java.util.List.of());
        String other = SandboxControl.gradientToken(SandboxFixture.VENDOR_KEY, "other-partner");
        for (int i = 0; i < 3; i++) {
            organizationStatus();
        }
        assertEquals(200, fx.call("GET", "/organization", null, "GRADIENT-TOKEN", other).status());
        assertEquals(200, fx.call("GET", "/organization", null, "GRADIENT-TOKEN", other).status());
        assertEquals(429, fx.call("GET", "/organization", null, "GRADIENT-TOKEN", other).status());
    }

    @Test
    void vendorApi_shouldOmitRetryAfter_whenDisabled() {
        fx.control.config(ConfigUpdate.builder().retryAfterOnRateLimit(false).build());
        for (int i = 0; i < 5; i++) {
            organizationStatus();
        }
        var limited = fx.call("GET", "/organization", null);
        assertEquals(429, limited.status());
        assertTrue(limited.headers().firstValue("Retry-After").isEmpty());
    }

    @Test
    void controlRoutes_shouldNeverBeLimited_whenVendorApiIsSaturated() {
        for (int i = 0; i < 6; i++) {
            organizationStatus();
        }
        for (int i = 0; i < 20; i++) {
            fx.control.counts();
        }
        assertEquals(429, organizationStatus());
    }

    @Test
    void config_shouldChangeLimitAtRuntime_whenPosted() {
        assertEquals(7, fx.control.config(ConfigUpdate.builder().rateLimitPerSecond(7).build()).rateLimitPerSecond());
        for (int i = 0; i < 7; i++) {
            assertEquals(200, organizationStatus());
        }
        assertEquals("Request limit reached (7 requests a second)", fx.call("GET", "/organization", null).message());
    }

    @Test
    void vendorApi_shouldAnswerAfterTheConfiguredLatency_andCountTheRequestAtItsArrival() {
        fx.control.config(ConfigUpdate.builder().responseLatencyMillis(150).build());
        long start = System.nanoTime();

        assertEquals(200, organizationStatus());

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= 150, "answered after " + tookMillis + " ms");
        assertEquals(150, fx.control.config().responseLatencyMillis());
        var requests = fx.control.requests();
        assertEquals(fx.clock.instant(), requests.get(requests.size() - 1).at(), "the arrival, on the sandbox clock");
        fx.control.config(ConfigUpdate.builder().responseLatencyMillis(0).build());
    }
}
