package io.gradientconnector.localrun.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.localrun.template.ApiRoute;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void requestEvent_shouldCarryPathParametersQueryHeadersAndBody_whenRequestHasThem() throws Exception {
        ApiRoute route = new ApiRoute("Fn", "Get", "GET", "/partners/{partnerId}/gradient", true);
        RouteTable.Match match = new RouteTable.Match(route, Map.of("partnerId", "a%20b"));
        ProxyEvents.HttpRequest request = new ProxyEvents.HttpRequest("GET", "/partners/a%20b/gradient",
                "search=x%20y&search=z&flag", Map.of("X-Api-Key", List.of("k")), "hi".getBytes(StandardCharsets.UTF_8),
                "127.0.0.1");

        JsonNode event = JSON.readTree(ProxyEvents.requestEvent(request, match, "v1", "k", CLOCK));

        assertEquals("/partners/{partnerId}/gradient", event.path("resource").asText());
        assertEquals("/partners/a b/gradient", event.path("path").asText());
        assertEquals("a b", event.path("pathParameters").path("partnerId").asText());
        assertEquals("z", event.path("queryStringParameters").path("search").asText());
        assertEquals("x y", event.path("multiValueQueryStringParameters").path("search").get(0).asText());
        assertEquals("", event.path("queryStringParameters").path("flag").asText());
        assertEquals("k", event.path("headers").path("x-api-key").asText());
        assertEquals("hi", event.path("body").asText());
        assertEquals("/v1/partners/a b/gradient", event.path("requestContext").path("path").asText());
        assertEquals(1735689600000L, event.path("requestContext").path("requestTimeEpoch").asLong());
        assertEquals("k", event.path("requestContext").path("identity").path("apiKey").asText());
    }

    @Test
    void response_shouldDecodeBase64AndMergeHeaders_whenHandlerAnswersSo() {
        ProxyEvents.HttpResponse response = ProxyEvents.response(("{\"statusCode\":202,\"headers\":{\"A\":\"1\"},"
                + "\"multiValueHeaders\":{\"B\":[\"2\",\"3\"]},\"body\":\"AAE=\",\"isBase64Encoded\":true}")
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(202, response.status());
        assertEquals(List.of("1"), response.headers().get("A"));
        assertEquals(List.of("2", "3"), response.headers().get("B"));
        assertArrayEquals(new byte[] {0, 1}, response.body());
    }

    @Test
    void response_shouldBe502_whenResultIsNotAProxyResponse() {
        ProxyEvents.HttpResponse response = ProxyEvents.response("\"just a string\"".getBytes(StandardCharsets.UTF_8));

        assertEquals(502, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Internal server error"));
    }
}
