package io.gradientconnector.port.gradient;

/** One item of {@code POST /api/vendor-api/organization/services}; all fields required. */
public record NewOrganizationService(String id, String name, String description) {
    public NewOrganizationService {
        Checks.required(id, "id");
        Checks.required(name, "name");
        Checks.required(description, "description");
    }
}
