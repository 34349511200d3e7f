package io.gradientconnector.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class RecordedRequestsIT {

    @AutoClose
    private final SandboxFixture fx = SandboxFixture.start();

    @Test
    void requests_shouldRecordMethodPathQueryStatusBodyAndIntegration_whenVendorApiIsCalled() {
        String sku = fx.mappedPair("1");
        fx.control.clearRequests();
        fx.call("POST", "/service/" + sku + "/count?no_build=true", "{\"accountId\":\"1\",\"unitCount\":2}");
        List<RecordedRequest> requests = fx.control.requests();
        assertEquals(1, requests.size());
        RecordedRequest recorded = requests.get(0);
        assertEquals("POST", recorded.method());
        assertEquals("/api/vendor-api/service/" + sku + "/count", recorded.path());
        assertEquals("no_build=true", recorded.query());
        assertEquals(201, recorded.status());
        assertEquals(fx.integrationId(), recorded.integrationId());
        assertEquals(2, recorded.body().path("unitCount").asInt());
        assertEquals(SandboxFixture.START, recorded.at());
    }

    @Test
    void requests_shouldHaveNullIntegration_whenTokenIsRejected() {
        fx.call("GET", "/organization", null, "GRADIENT-TOKEN", "garbage");
        RecordedRequest recorded = fx.control.requests().get(0);
        assertEquals(401, recorded.status());
        assertNull(recorded.integrationId());
    }

    @Test
    void requests_shouldReturnOnlyNewer_whenSinceIsGiven() {
        fx.call("GET", "/organization", null);
        long seq = fx.control.requests().get(0).seq();
        fx.call("GET", "/organization/accounts", null);
        List<RecordedRequest> newer = fx.control.requests(seq);
        assertEquals(1, newer.size());
        assertEquals("/api/vendor-api/organization/accounts", newer.get(0).path());
    }

    @Test
    void recordsAndState_shouldNeverContainTokenOrKeys_whenEveryKindOfRequestWasMade() {
        String sku = fx.mappedPair("1");
        fx.setCount(sku, "1", "3");
        fx.call("GET", "/organization", null, "gradient-token", fx.token);
        fx.call("GET", "/organization", null, "GRADIENT-TOKEN", SandboxControl.gradientToken(SandboxFixture.VENDOR_KEY, "bad"));
        fx.call("POST", "/organization/accounts", "not json");
        String requests = fx.control.requests().toString();
        JsonNode state = fx.control.state();
        for (String secret : List.of(fx.token, SandboxFixture.VENDOR_KEY, SandboxFixture.PARTNER_KEY)) {
            assertFalse(requests.contains(secret), "requests leak a secret");
            assertFalse(state.toString().contains(secret), "state leaks a secret");
        }
        assertEquals("not json", fx.control.requests().get(fx.control.requests().size() - 1).body().asText());
    }
}
