package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One fault applied to exactly one upcoming Vendor API request (in order), for deterministic tests.
 *
 * @param kind              "429", "403" (Gradient's "anomaly detected" refusal), a 5xx status such as "500"/"503",
 *                          "drop" (close the connection, no response) or
 *                          "slow" (wait {@code millis}, then answer normally)
 * @param retryAfterSeconds for "429": the Retry-After value; null = the plan's {@code retryAfterSeconds}; 0 = no header
 * @param millis            for "slow": the delay
 */
public record ScriptedFault(String kind, Integer retryAfterSeconds, Integer millis) {

    public ScriptedFault {
        Objects.requireNonNull(kind, "kind");
        if (!isValidKind(kind)) {
            throw new IllegalArgumentException("kind must be 429, 403, a 5xx status, drop or slow; was " + kind);
        }
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (millis != null && millis < 0) {
            throw new IllegalArgumentException("millis must not be negative");
        }
    }

    static boolean isValidKind(String kind) {
        return kind.equals("429") || kind.equals("403") || kind.equals("drop") || kind.equals("slow") || kind.matches("5\\d\\d");
    }

    public static ScriptedFault rateLimited(Integer retryAfterSeconds) {
        return new ScriptedFault("429", retryAfterSeconds, null);
    }

    public static ScriptedFault serverError(int status) {
        return new ScriptedFault(Integer.toString(status), null, null);
    }

    /** Gradient's 403: it "detected an anomaly in your API usage"; clients must stop, not retry. */
    public static ScriptedFault forbidden() {
        return new ScriptedFault("403", null, null);
    }

    public static ScriptedFault drop() {
        return new ScriptedFault("drop", null, null);
    }

    public static ScriptedFault slow(int millis) {
        return new ScriptedFault("slow", null, millis);
    }

    JsonNode toJson() {
        ObjectNode node = Json.object().put("kind", kind);
        if (retryAfterSeconds != null) {
            node.put("retryAfterSeconds", retryAfterSeconds);
        }
        if (millis != null) {
            node.put("millis", millis);
        }
        return node;
    }
}
