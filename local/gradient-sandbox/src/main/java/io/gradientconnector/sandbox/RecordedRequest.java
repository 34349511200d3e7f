package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One Vendor API request as the sandbox saw it. Headers are never recorded, so the GRADIENT-TOKEN (and the keys in
 * it) cannot leak through this record.
 *
 * @param seq           increasing sequence number (use with {@code requests(since)})
 * @param at            arrival time on the sandbox clock
 * @param method        HTTP method, upper case
 * @param path          raw (still percent-encoded) path
 * @param query         raw query string, or null
 * @param status        HTTP status answered; 0 when the connection was dropped on purpose
 * @param integrationId the integration the token resolved to, or null (no/invalid token, or rejected before auth)
 * @param body          the JSON body, a JSON string holding the raw text when it was not valid JSON, or null
 * @param fault         the injected fault that shaped the answer ("429", "503", "drop", "slow", "outage", ...) or null
 */
public record RecordedRequest(long seq, Instant at, String method, String path, String query, int status,
                              String integrationId, JsonNode body, String fault) {

    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    JsonNode toJson() {
        var node = Json.object().put("seq", seq).put("at", Json.time(at)).put("method", method).put("path", path);
        node.put("query", query).put("status", status).put("integrationId", integrationId);
        node.set("body", body);
        node.put("fault", fault);
        return node;
    }

    static RecordedRequest fromJson(JsonNode node) {
        JsonNode body = node.get("body");
        return new RecordedRequest(node.path("seq").asLong(), Instant.parse(node.path("at").asText()),
                node.path("method").asText(), node.path("path").asText(), textOrNull(node, "query"),
                node.path("status").asInt(), textOrNull(node, "integrationId"),
                body == null || body.isNull() ? null : body, textOrNull(node, "fault"));
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
