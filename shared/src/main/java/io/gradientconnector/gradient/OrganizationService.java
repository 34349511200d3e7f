package io.gradientconnector.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An organization ("dynamic") service as listed or created; mapped as for {@link GradientAccount}. */
public record OrganizationService(String id, String name, String description, @JsonProperty("isMapped") boolean mapped,
                                  String mappingId) {

    @JsonCreator
    static OrganizationService fromJson(@JsonProperty("id") String id, @JsonProperty("name") String name,
                                        @JsonProperty("description") String description,
                                        @JsonProperty("isMapped") Boolean isMapped,
                                        @JsonProperty("mappingId") String mappingId) {
        boolean mapped = Boolean.TRUE.equals(isMapped) || (mappingId != null && !mappingId.isBlank());
        return new OrganizationService(id, name, description, mapped, mappingId);
    }
}
