package io.gradientconnector.lambda;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The JSON error body every route answers with: {@code {"error": code, "message": ..., "field": ..., "errors": [...]}}.
 * {@code field} names the offending input (a JSON path such as {@code events[3].quantity}, a path parameter, or a
 * header); {@code errors} lists every problem when there are several. Messages never carry secrets.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String error, String message, String field, List<FieldError> errors) {

    public ApiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One problem with one input. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    public static ApiError invalidField(String field, String message) {
        return new ApiError(400, "invalid_request", field + ": " + message, field, List.of(new FieldError(field, message)));
    }

    public static ApiError invalidFields(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors must not be empty");
        }
        FieldError first = errors.get(0);
        String message = errors.size() == 1
                ? first.field() + ": " + first.message()
                : errors.size() + " invalid fields, first " + first.field() + ": " + first.message();
        return new ApiError(400, "invalid_request", message, first.field(), errors);
    }

    public static ApiError of(int status, String error, String message) {
        return new ApiError(status, error, message, null, List.of());
    }

    /** Leaves {@code status} out of the JSON body: it is the HTTP status already. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    @Override
    public int status() {
        return status;
    }
}
