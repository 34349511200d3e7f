package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Service categories exactly as Gradient publishes them. */
public enum ServiceCategory {
    SECURITY("security"),
    BACKUP("backup"),
    PRODUCTIVITY("productivity"),
    INFRASTRUCTURE("infrastructure"),
    SERVICE_DELIVERY("service delivery"),
    CONSULTING("consulting"),
    OTHER("other");

    private final String wireValue;

    ServiceCategory(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The exact string Gradient expects (case-sensitive). */
    @JsonValue
    public String wireValue() {
        return wireValue;
    }

    /** The constant for an exact wire string; throws naming the value when unknown. */
    @JsonCreator
    public static ServiceCategory fromWire(String value) {
        for (ServiceCategory candidate : values()) {
            if (candidate.wireValue.equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown service category: " + value);
    }
}
