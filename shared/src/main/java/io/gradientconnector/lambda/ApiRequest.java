package io.gradientconnector.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A read-only view of an API Gateway proxy request: case-insensitive headers, raw body bytes. */
public final class ApiRequest {

    private final APIGatewayProxyRequestEvent event;

    private ApiRequest(APIGatewayProxyRequestEvent event) {
        this.event = event;
    }

    public static ApiRequest of(APIGatewayProxyRequestEvent event) {
        return new ApiRequest(Objects.requireNonNull(event, "event"));
    }

    public String method() {
        return event.getHttpMethod() == null ? "" : event.getHttpMethod().toUpperCase(java.util.Locale.ROOT);
    }

    /** The route template, e.g. {@code /partners/{partnerId}/gradient}. */
    public String resource() {
        return event.getResource() == null ? "" : event.getResource();
    }

    public Optional<String> pathParameter(String name) {
        return lookup(event.getPathParameters(), name, false);
    }

    public Optional<String> queryParameter(String name) {
        return lookup(event.getQueryStringParameters(), name, false);
    }

    public Optional<String> header(String name) {
        return lookup(event.getHeaders(), name, true);
    }

    public String requestId() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getRequestId() == null ? "" : ctx.getRequestId();
    }

    /** The body exactly as the caller sent it (API Gateway base64-encodes binary bodies). */
    public byte[] rawBody() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("body", "is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> lookup(Map<String, String> map, String name, boolean ignoreCase) {
        if (map == null) {
            return Optional.empty();
        }
        String value = map.get(name);
        if (value == null && ignoreCase) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return Optional.ofNullable(value);
    }
}
