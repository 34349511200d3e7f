package io.gradientconnector.adapter.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplatesTest {
    private static final URI BASE = URI.create("https://app.usegradient.com/");

    @Test
    void expand_shouldPercentEncodeEachSegment_whenIdHasReservedCharacters() {
        URI uri = UriTemplates.expand(BASE, "/api/vendor-api/organization/accounts/{accountId}",
                Map.of("accountId", "acme corp/#1?x=%.é"), List.of());
        assertEquals("https://app.usegradient.com/api/vendor-api/organization/accounts/acme%20corp%2F%231%3Fx%3D%25.%C3%A9",
                uri.toString());
        assertEquals("/api/vendor-api/organization/accounts/acme corp/#1?x=%.é", uri.getPath());
    }

    @Test
    void expand_shouldEncodeDotSegments_whenIdIsOnlyDots() {
        assertEquals("https://app.usegradient.com/api/vendor-api/organization/accounts/%2E%2E",
                UriTemplates.expand(BASE, "/api/vendor-api/organization/accounts/{accountId}",
                        Map.of("accountId", ".."), List.of()).toString());
        assertEquals("tenant.onmicrosoft.com", UriTemplates.encodeSegment("tenant.onmicrosoft.com"));
    }

    @Test
    void expand_shouldRepeatAndEncodeQuery_whenParametersGiven() {
        URI uri = UriTemplates.expand(URI.create("http://127.0.0.1:8089"), "/api/vendor-api/organization/accounts",
                Map.of(), List.of(Map.entry("accountIds", "a b"), Map.entry("accountIds", "c&d"),
                        Map.entry("returnUnmapped", "false")));
        assertEquals("http://127.0.0.1:8089/api/vendor-api/organization/accounts?accountIds=a%20b&accountIds=c%26d"
                + "&returnUnmapped=false", uri.toString());
    }

    @Test
    void expand_shouldRejectEmptyPathValue_whenIdMissing() {
        assertThrows(IllegalArgumentException.class, () -> UriTemplates.expand(BASE, "/x/{accountId}",
                Map.of("accountId", ""), List.of()));
    }
}
