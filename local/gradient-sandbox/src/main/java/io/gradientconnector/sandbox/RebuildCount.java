package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * Billing-view rebuilds of one integration.
 *
 * @param rebuilds      how many debounced rebuilds have fired
 * @param pending       whether a rebuild is scheduled and waiting for its quiet period to pass
 * @param dueAt         when the pending rebuild fires (null when none is pending)
 * @param lastRebuildAt when the last rebuild fired (null when none has)
 */
public record RebuildCount(String integrationId, String organizationName, int rebuilds, boolean pending,
                           Instant dueAt, Instant lastRebuildAt) {

    public RebuildCount {
        Objects.requireNonNull(integrationId, "integrationId");
    }

    JsonNode toJson() {
        return Json.object().put("integrationId", integrationId).put("organizationName", organizationName)
                .put("rebuilds", rebuilds).put("pending", pending).put("dueAt", Json.time(dueAt))
                .put("lastRebuildAt", Json.time(lastRebuildAt));
    }

    static RebuildCount fromJson(JsonNode node) {
        String due = RecordedRequest.textOrNull(node, "dueAt");
        String last = RecordedRequest.textOrNull(node, "lastRebuildAt");
        return new RebuildCount(node.path("integrationId").asText(),
                RecordedRequest.textOrNull(node, "organizationName"), node.path("rebuilds").asInt(),
                node.path("pending").asBoolean(), due == null ? null : Instant.parse(due),
                last == null ? null : Instant.parse(last));
    }
}
