package io.gradientconnector.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Builds API Gateway proxy responses with JSON bodies. Thread-safe (the mapper is only used to write). */
public final class ApiResponses {

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    private static final ApiResponses STANDARD = new ApiResponses(new ObjectMapper());

    private final ObjectMapper mapper;

    /** The one every API handler answers with: a plain mapper, so records and maps come out as declared. */
    public static ApiResponses standard() {
        return STANDARD;
    }

    public ApiResponses(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public APIGatewayProxyResponseEvent json(int status, Object body) {
        String text;
        try {
            text = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // Our own response types always serialize; this is a programming error, reported without the body.
            throw new IllegalStateException("response body of type " + body.getClass().getSimpleName()
                    + " could not be serialized", e);
        }
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(JSON_HEADERS).withBody(text);
    }

    public APIGatewayProxyResponseEvent error(ApiError error) {
        return json(error.status(), error);
    }

    public APIGatewayProxyResponseEvent noContent() {
        return new APIGatewayProxyResponseEvent().withStatusCode(204).withHeaders(Map.of("Cache-Control", "no-store"));
    }

    /** {@code response} with one more header (or its value replaced). */
    public static APIGatewayProxyResponseEvent withHeader(APIGatewayProxyResponseEvent response, String name, String value) {
        Map<String, String> headers = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.put(name, value);
        return response.withHeaders(headers);
    }

    /** {@code response} with {@code Retry-After} in whole seconds, rounded up, at least 1. */
    public static APIGatewayProxyResponseEvent withRetryAfter(APIGatewayProxyResponseEvent response, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return withHeader(response, "Retry-After", Long.toString(seconds));
    }
}
