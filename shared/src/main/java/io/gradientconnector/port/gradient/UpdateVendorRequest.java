package io.gradientconnector.port.gradient;

/** Body of {@code PATCH /api/vendor-api}; null fields are not sent, at least one must be set. */
public record UpdateVendorRequest(String name, String description, String vendorSupportPageUrl,
                                  String integrationPortalUrl) {

    public UpdateVendorRequest {
        Checks.optional(name, "name");
        Checks.atLeastOne("UpdateVendorRequest", name, description, vendorSupportPageUrl, integrationPortalUrl);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String name;
        private String description;
        private String vendorSupportPageUrl;
        private String integrationPortalUrl;

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

        public Builder vendorSupportPageUrl(String value) {
            vendorSupportPageUrl = value;
            return this;
        }

        public Builder integrationPortalUrl(String value) {
            integrationPortalUrl = value;
            return this;
        }

        public UpdateVendorRequest build() {
            return new UpdateVendorRequest(name, description, vendorSupportPageUrl, integrationPortalUrl);
        }
    }
}
