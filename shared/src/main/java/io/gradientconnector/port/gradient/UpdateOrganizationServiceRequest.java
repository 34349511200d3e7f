package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code PATCH /api/vendor-api/organization/services/{serviceId}}; at least one field. */
public record UpdateOrganizationServiceRequest(String name, String description,
                                               @JsonProperty("isActive") Boolean active,
                                               @JsonProperty("isArrears") Boolean arrears) {
    public UpdateOrganizationServiceRequest {
        Checks.optional(name, "name");
        Checks.atLeastOne("UpdateOrganizationServiceRequest", name, description, active, arrears);
    }

    public static UpdateOrganizationServiceRequest rename(String name, String description) {
        return new UpdateOrganizationServiceRequest(name, description, null, null);
    }
}
