package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A partner integration's status, wire values lowercase and case-sensitive. {@code DISABLED} and
 * {@code ERROR} appear only in older Gradient documentation ({@link #legacy()}).
 */
public enum IntegrationStatus {
    INACTIVE("inactive", false),
    PENDING("pending", false),
    ACTIVE("active", false),
    DISABLED("disabled", true),
    ERROR("error", true);

    private final String wireValue;
    private final boolean legacy;

    IntegrationStatus(String wireValue, boolean legacy) {
        this.wireValue = wireValue;
        this.legacy = legacy;
    }

    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    public boolean legacy() {
        return legacy;
    }

    @JsonCreator
    public static IntegrationStatus fromWire(String value) {
        for (IntegrationStatus candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown integration status: " + value);
    }
}
