package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code PATCH /api/vendor-api/organization/accounts/{accountId}}; null fields are not sent,
 * at least one must be set. {@code active}/{@code arrears} go out as {@code isActive}/{@code isArrears}.
 */
public record UpdateAccountRequest(String name, String description, @JsonProperty("isActive") Boolean active,
                                   @JsonProperty("isArrears") Boolean arrears) {
    public UpdateAccountRequest {
        Checks.optional(name, "name");
        Checks.atLeastOne("UpdateAccountRequest", name, description, active, arrears);
    }

    public static UpdateAccountRequest rename(String name, String description) {
        return new UpdateAccountRequest(name, description, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String name;
        private String description;
        private Boolean active;
        private Boolean arrears;

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

        public Builder active(boolean value) {
            active = value;
            return this;
        }

        public Builder arrears(boolean value) {
            arrears = value;
            return this;
        }

        public UpdateAccountRequest build() {
            return new UpdateAccountRequest(name, description, active, arrears);
        }
    }
}
