package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a dispatched alert became a PSA ticket yet. */
public enum AlertState {
    PENDING("pending"),
    SUCCESS("success"),
    FAILED("failed");

    private final String wireValue;

    AlertState(String wireValue) {
        this.wireValue = wireValue;
    }

    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** True once Gradient stopped processing the alert. */
    public boolean terminal() {
        return this != PENDING;
    }

    @JsonCreator
    public static AlertState fromWire(String value) {
        for (AlertState candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown alert state: " + value);
    }
}
