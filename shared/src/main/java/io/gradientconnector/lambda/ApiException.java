package io.gradientconnector.lambda;

import java.util.Objects;

/** A failure that maps to one HTTP answer. Thrown by validation and use cases; handlers turn it into a response. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(Objects.requireNonNull(error, "error").message(), null, false, false);
        this.error = error;
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(ApiError.invalidField(field, message));
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return error.status();
    }
}
