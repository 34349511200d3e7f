package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One logical Gradient call before it becomes a URL: route template, path values, query, JSON body
 * and the credentials to sign it with. {@link #toString()} shows the route only.
 */
record GradientRequest(String method, String pathTemplate, Map<String, String> pathValues,
                  List<Map.Entry<String, String>> query, byte[] body, GradientCredentials credentials,
                  String correlationId) {

    GradientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        pathValues = Map.copyOf(pathValues);
        query = List.copyOf(query);
        Objects.requireNonNull(credentials, "credentials");
        // correlationId: sent as X-Correlation-Id when not null (audited count pushes)
    }

    static Builder builder(String method, String pathTemplate, GradientCredentials credentials) {
        return new Builder(method, pathTemplate, credentials);
    }

    /** {@code METHOD /path/{template}}: what exceptions and logs name. */
    String route() {
        return method + " " + pathTemplate;
    }

    @Override
    public String toString() {
        return "GradientRequest[" + route() + "]";
    }

    static final class Builder {
        private final String method;
        private final String pathTemplate;
        private final GradientCredentials credentials;
        private final Map<String, String> pathValues = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private byte[] body;
        private String correlationId;

        private Builder(String method, String pathTemplate, GradientCredentials credentials) {
            this.method = method;
            this.pathTemplate = pathTemplate;
            this.credentials = credentials;
        }

        Builder path(String name, String value) {
            pathValues.put(name, value);
            return this;
        }

        /** Adds {@code name=value} unless value is null. */
        Builder query(String name, Object value) {
            if (value != null) {
                query.add(Map.entry(name, value.toString()));
            }
            return this;
        }

        Builder body(byte[] json) {
            this.body = json;
            return this;
        }

        /** Sent as {@code X-Correlation-Id} unless null. */
        Builder correlationId(String id) {
            this.correlationId = id;
            return this;
        }

        GradientRequest build() {
            return new GradientRequest(method, pathTemplate, pathValues, query, body, credentials, correlationId);
        }
    }
}
