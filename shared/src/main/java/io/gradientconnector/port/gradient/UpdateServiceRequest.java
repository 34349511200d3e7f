package io.gradientconnector.port.gradient;

/**
 * Body of {@code PATCH /api/vendor-api/service/{serviceId}}. The real body is UNCONFIRMED upstream;
 * this sends any subset of the create fields. Null fields are not sent, at least one must be set.
 */
public record UpdateServiceRequest(String name, String description, ServiceCategory category,
                                   ServiceSubcategory subcategory, String supportArticle, String supportContact) {

    public UpdateServiceRequest {
        Checks.optional(name, "name");
        Checks.atLeastOne("UpdateServiceRequest", name, description, category, subcategory, supportArticle, supportContact);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String name;
        private String description;
        private ServiceCategory category;
        private ServiceSubcategory subcategory;
        private String supportArticle;
        private String supportContact;

        private Builder() {
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder category(ServiceCategory value) {
            category = value;
            return this;
        }

        public Builder subcategory(ServiceSubcategory value) {
            subcategory = value;
            return this;
        }

        public Builder supportArticle(String value) {
            supportArticle = value;
            return this;
        }

        public Builder supportContact(String value) {
            supportContact = value;
            return this;
        }

        public UpdateServiceRequest build() {
            return new UpdateServiceRequest(name, description, category, subcategory, supportArticle, supportContact);
        }
    }
}
