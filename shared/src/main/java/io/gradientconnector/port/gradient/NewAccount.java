package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One item of {@code POST /api/vendor-api/organization/accounts}. {@code id} is the vendor's own
 * customer id and becomes the {@code accountId} everywhere; {@code arrears} (wire {@code isArrears})
 * is from the newer spec and not sent when null.
 */
public record NewAccount(String id, String name, String description, @JsonProperty("isArrears") Boolean arrears) {
    public NewAccount {
        Checks.required(id, "id");
        Checks.required(name, "name");
    }

    public static NewAccount of(String id, String name) {
        return new NewAccount(id, name, null, null);
    }

    public static NewAccount of(String id, String name, String description) {
        return new NewAccount(id, name, description, null);
    }
}
