package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An organization ("dynamic") service as listed or created; mapped as for {@link GradientAccount}.
 * {@code id} is the vendor-chosen id; {@code internalId} is Gradient's {@code _id} when it sends one
 * (which of the two the count route wants for these services is UNCONFIRMED upstream).
 */
public record OrganizationService(String id, String name, String description, @JsonProperty("isMapped") boolean mapped,
                                  String mappingId, @JsonProperty("_id") String internalId) {

    @JsonCreator
    static OrganizationService fromJson(@JsonProperty("id") String id, @JsonProperty("name") String name,
                                        @JsonProperty("description") String description,
                                        @JsonProperty("isMapped") Boolean isMapped,
                                        @JsonProperty("mappingId") String mappingId,
                                        @JsonProperty("_id") String internalId) {
        boolean mapped = Boolean.TRUE.equals(isMapped) || (mappingId != null && !mappingId.isBlank());
        return new OrganizationService(id, name, description, mapped, mappingId, internalId);
    }
}
