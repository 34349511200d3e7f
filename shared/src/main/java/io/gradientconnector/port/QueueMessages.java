package io.gradientconnector.port;

import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceKey;

/**
 * The JSON of the queue messages (docs/ARCHITECTURE.md), written by producers and read by the
 * workers. Parsing failures are {@link IllegalArgumentException}s naming the field. Thread-safe.
 */
public final class QueueMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueueMessages() {
    }

    /** {@code {"partnerId": "...", "reason": "schedule" | "key-submitted" | "manual"}} */
    public static String toJson(SyncRequest request) {
        ObjectNode node = JSON.createObjectNode()
                .put("partnerId", request.partnerId().value())
                .put("reason", request.reason().wire());
        return node.toString();
    }

    /** {@code {"partnerId": "...", "accountId": "...", "service": "..."}} */
    public static String toJson(PushRequest request) {
        ObjectNode node = JSON.createObjectNode()
                .put("partnerId", request.partnerId().value())
                .put("accountId", request.accountId().value())
                .put("service", request.service().value());
        return node.toString();
    }

    /** {@code {"partnerId": "...", "alertId": "...", "occurredAt": "<ISO-8601>"}} */
    public static String toJson(AlertRef alert) {
        ObjectNode node = JSON.createObjectNode()
                .put("partnerId", alert.partnerId().value())
                .put("alertId", alert.alertId().value())
                .put("occurredAt", alert.occurredAt().toString());
        return node.toString();
    }

    public static AlertRef parseAlertRef(String body) {
        JsonNode node = parse(body);
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(text(node, "occurredAt"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("occurredAt must be an ISO-8601 instant");
        }
        return new AlertRef(PartnerId.of(text(node, "partnerId")), EventId.of(text(node, "alertId")), at);
    }

    public static SyncRequest parseSyncRequest(String body) {
        JsonNode node = parse(body);
        return new SyncRequest(PartnerId.of(text(node, "partnerId")), SyncReason.fromWire(text(node, "reason")));
    }

    public static PushRequest parsePushRequest(String body) {
        JsonNode node = parse(body);
        return new PushRequest(PartnerId.of(text(node, "partnerId")), AccountId.of(text(node, "accountId")),
                ServiceKey.of(text(node, "service")));
    }

    private static JsonNode parse(String body) {
        if (body == null) {
            throw new IllegalArgumentException("message body is required");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("message body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message body is not valid JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.asText();
    }
}
