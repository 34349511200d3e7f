package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The current unit count of one (integration, service, account), as the MSP would see it in Gradient. */
public record UnitCount(String integrationId, String organizationName, String serviceId, String serviceName,
                        String accountId, BigDecimal unitCount, Instant updatedAt) {

    public UnitCount {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(unitCount, "unitCount");
    }

    JsonNode toJson() {
        return Json.object().put("integrationId", integrationId).put("organizationName", organizationName)
                .put("serviceId", serviceId).put("serviceName", serviceName).put("accountId", accountId)
                .put("unitCount", unitCount).put("updatedAt", Json.time(updatedAt));
    }

    static UnitCount fromJson(JsonNode node) {
        return new UnitCount(node.path("integrationId").asText(), RecordedRequest.textOrNull(node, "organizationName"),
                node.path("serviceId").asText(), RecordedRequest.textOrNull(node, "serviceName"),
                node.path("accountId").asText(), node.path("unitCount").decimalValue(),
                Instant.parse(node.path("updatedAt").asText()));
    }
}
