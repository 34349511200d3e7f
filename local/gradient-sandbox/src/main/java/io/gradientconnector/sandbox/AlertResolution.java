package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Objects;

/**
 * How a queued alert ends: {@code success} with a PSA ticket id, or {@code failed} with the PSA's HTTP status and
 * errors. Use {@link #success(String)} / {@link #failed(Integer, List)}.
 */
public record AlertResolution(String status, String ticketId, Integer statusCode, List<String> errors) {

    public AlertResolution {
        Objects.requireNonNull(status, "status");
        if (!status.equals("success") && !status.equals("failed")) {
            throw new IllegalArgumentException("status must be success or failed, was " + status);
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A ticket was created; a null ticketId lets the sandbox make one up. */
    public static AlertResolution success(String ticketId) {
        return new AlertResolution("success", ticketId, null, List.of());
    }

    public static AlertResolution failed(Integer statusCode, List<String> errors) {
        return new AlertResolution("failed", null, statusCode, errors);
    }

    JsonNode toJson() {
        var node = Json.object().put("status", status);
        Json.putIfNotNull(node, "ticketId", ticketId);
        if (statusCode != null) {
            node.put("statusCode", statusCode);
        }
        ArrayNode array = node.putArray("errors");
        errors.forEach(array::add);
        return node;
    }
}
