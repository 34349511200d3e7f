package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP answer, or a deliberate connection drop (no status, no bytes). Immutable. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers, boolean drop) {

    static final String JSON = "application/json; charset=utf-8";

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, Json.bytes(body), Map.of(), false);
    }

    static Reply html(String html) {
        return new Reply(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of(), false);
    }

    static Reply error(ApiError error) {
        return new Reply(error.status(), JSON, Json.bytes(Json.errorBody(error)), error.headers(), false);
    }

    static Reply dropConnection() {
        return new Reply(0, null, new byte[0], Map.of(), true);
    }
}
