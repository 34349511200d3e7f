package io.gradientconnector.port.gradient;

import java.util.Objects;

/** Body of {@code POST /api/vendor-api/service}: a vendor-level SKU. */
public record CreateServiceRequest(String name, String description, ServiceCategory category,
                                   ServiceSubcategory subcategory, String supportArticle, String supportContact) {

    public CreateServiceRequest {
        Checks.required(name, "name");
        Checks.required(description, "description");
        Objects.requireNonNull(category, "category is required");
        Objects.requireNonNull(subcategory, "subcategory is required");
        Checks.optional(supportArticle, "supportArticle");
        Checks.optional(supportContact, "supportContact");
    }

    public static CreateServiceRequest of(String name, String description, ServiceCategory category,
                                          ServiceSubcategory subcategory) {
        return new CreateServiceRequest(name, description, category, subcategory, null, null);
    }
}
