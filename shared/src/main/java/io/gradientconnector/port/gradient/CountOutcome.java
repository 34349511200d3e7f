package io.gradientconnector.port.gradient;

import java.util.Objects;

/**
 * What a unit-count push did. A 404 is a normal outcome (the MSP has not mapped the account or the
 * service yet, and the vendor cannot see mappings), so it is a value here, not an exception.
 */
public sealed interface CountOutcome {

    /** Gradient accepted the count; {@code status} is the HTTP status (201 for a set). */
    record Applied(int status) implements CountOutcome {
        public Applied {
            if (status < 200 || status > 299) {
                throw new IllegalArgumentException("status must be 2xx, was " + status);
            }
        }
    }

    /** Gradient answered 404: account or service unknown or unmapped; {@code message} is Gradient's. */
    record NotMapped(String message) implements CountOutcome {
        public NotMapped {
            Objects.requireNonNull(message, "message");
        }
    }
}
