package io.gradientconnector.adapter.gradient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP exchange, nothing more: no retries, no status interpretation. The seam tests replace
 * with a fake. Implementations must be thread-safe.
 */
interface Transport {

    Response send(Request request) throws IOException, InterruptedException;

    /** {@code body} is null for a request without one. {@link #toString()} leaves headers out (the token is one). */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(timeout, "timeout");
        }

        /** Header value by case-insensitive name. */
        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        @Override
        public String toString() {
            return "Request[" + method + " " + uri.getRawPath() + ", body=" + (body == null ? "none" : body.length + " bytes")
                    + ", timeout=" + timeout + "]";
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        public Response {
            headers = Map.copyOf(headers);
            body = body == null ? "" : body;
        }

        Optional<String> header(String name) {
            String wanted = name.toLowerCase(Locale.ROOT);
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().get(0))
                    .findFirst();
        }
    }
}
