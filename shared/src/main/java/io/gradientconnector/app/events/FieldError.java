package io.gradientconnector.app.events;

import java.util.Objects;

/**
 * One problem with one input of a delivery: {@code field} is a JSON path ({@code events[3].quantity} in the batch
 * form, {@code quantity} for a single event, {@code body} for the body as a whole); {@code message} says what is
 * wrong without naming the field again.
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
