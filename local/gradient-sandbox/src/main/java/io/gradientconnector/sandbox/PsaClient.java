package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** One of an MSP's PSA clients, as listed by {@code GET organization/clients}: a GUID and a name. */
public record PsaClient(String id, String name) {

    public PsaClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    JsonNode toJson() {
        return Json.object().put("id", id).put("name", name);
    }

    static PsaClient fromJson(JsonNode node) {
        return new PsaClient(node.path("id").asText(), node.path("name").asText());
    }
}
