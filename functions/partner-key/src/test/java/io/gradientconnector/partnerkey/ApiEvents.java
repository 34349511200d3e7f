package io.gradientconnector.partnerkey;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Loads the API Gateway events of {@code events/partner-key/} and patches them for a scenario. */
final class ApiEvents {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ApiEvents() {
    }

    static Path directory() {
        String root = System.getProperty("connector.root");
        Path base = root == null ? Path.of("").toAbsolutePath().getParent().getParent() : Path.of(root);
        return base.resolve("events").resolve("partner-key");
    }

    /** The event in {@code events/partner-key/<name>}, as Lambda's runtime would deserialise it. */
    static APIGatewayProxyRequestEvent load(String name) {
        try {
            return JSON.readValue(Files.readString(directory().resolve(name)), APIGatewayProxyRequestEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event " + name, e);
        }
    }

    /** The event with its partner id replaced (path parameter and path). */
    static APIGatewayProxyRequestEvent forPartner(String name, String partnerId) {
        APIGatewayProxyRequestEvent event = load(name);
        Map<String, String> path = new HashMap<>(event.getPathParameters());
        path.put("partnerId", partnerId);
        return event.withPathParameters(path).withPath(event.getResource().replace("{partnerId}", partnerId));
    }

    /** A PUT event for {@code partnerId} whose body submits {@code key}. */
    static APIGatewayProxyRequestEvent put(String partnerId, String key) {
        return forPartner("put-key.json", partnerId)
                .withBody(JSON.createObjectNode().put("partnerApiKey", key).toString());
    }

    static APIGatewayProxyRequestEvent withQuery(APIGatewayProxyRequestEvent event, Map<String, String> query) {
        return event.withQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
    }

    static JsonNode body(com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException("response body is not JSON", e);
        }
    }
}
