package io.gradientconnector.sandbox;

import java.util.List;
import java.util.Map;

/**
 * A 4xx/5xx answer in Gradient's (NestJS) error shape: {@code {"statusCode", "message", "error"}}, where
 * {@code message} is a string, or an array of strings for DTO validation failures (Nest's ValidationPipe).
 * Messages never contain tokens or keys.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final List<String> messages;
    private final boolean messageIsArray;
    private final Map<String, String> headers;

    private ApiError(int status, List<String> messages, boolean messageIsArray, Map<String, String> headers) {
        super(status + " " + String.join("; ", messages), null, false, false);
        this.status = status;
        this.messages = List.copyOf(messages);
        this.messageIsArray = messageIsArray;
        this.headers = Map.copyOf(headers);
    }

    static ApiError of(int status, String message) {
        return new ApiError(status, List.of(message), false, Map.of());
    }

    static ApiError of(int status, String message, Map<String, String> headers) {
        return new ApiError(status, List.of(message), false, headers);
    }

    static ApiError badRequest(String message) {
        return of(400, message);
    }

    /** Validation failures: message is an array even when there is one entry, as Nest's ValidationPipe does. */
    static ApiError validation(List<String> messages) {
        return new ApiError(400, messages, true, Map.of());
    }

    static ApiError unauthorized(String message) {
        return of(401, message);
    }

    static ApiError notFound(String message) {
        return of(404, message);
    }

    static ApiError conflict(String message) {
        return of(409, message);
    }

    int status() {
        return status;
    }

    List<String> messages() {
        return messages;
    }

    boolean messageIsArray() {
        return messageIsArray;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** Nest's default "error" text for a status. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : "Error";
        };
    }
}
