package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An account from {@code GET /api/vendor-api/organization/accounts}. {@code mapped} is true when
 * Gradient says {@code isMapped} or returns a {@code mappingId} (older responses carry only the latter).
 */
public record GradientAccount(String id, String name, String description, @JsonProperty("isMapped") boolean mapped,
                              String mappingId) {

    @JsonCreator
    static GradientAccount fromJson(@JsonProperty("id") String id, @JsonProperty("name") String name,
                                    @JsonProperty("description") String description,
                                    @JsonProperty("isMapped") Boolean isMapped,
                                    @JsonProperty("mappingId") String mappingId) {
        boolean mapped = Boolean.TRUE.equals(isMapped) || (mappingId != null && !mappingId.isBlank());
        return new GradientAccount(id, name, description, mapped, mappingId);
    }
}
