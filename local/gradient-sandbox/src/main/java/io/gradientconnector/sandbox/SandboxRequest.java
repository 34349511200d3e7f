package io.gradientconnector.sandbox;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incoming request read fully into memory: method, raw path, percent-decoded path segments, query parameters,
 * headers and body. Immutable after construction. Headers are never logged or recorded (they carry the token).
 */
final class SandboxRequest {

    static final int MAX_BODY_BYTES = 1 << 20;

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final byte[] body;

    private SandboxRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    static SandboxRequest read(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        String rawPath = exchange.getRequestURI().getRawPath();
        return new SandboxRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > MAX_BODY_BYTES) {
                // Drain nothing more: the caller answers 413 and the connection is closed by the server.
                throw new BodyTooLargeException();
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** Raised while reading a body over {@link #MAX_BODY_BYTES}. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body larger than " + MAX_BODY_BYTES + " bytes");
        }
    }

    String method() {
        return method;
    }

    String rawPath() {
        return rawPath;
    }

    /** Raw query string or null. */
    String rawQuery() {
        return rawQuery;
    }

    Headers headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    boolean hasBody() {
        return body.length > 0 && !new String(body, StandardCharsets.UTF_8).isBlank();
    }

    boolean isJsonContent() {
        String type = headers.getFirst("Content-Type");
        if (type == null) {
            return false;
        }
        String mime = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    /** All values of one query parameter, in order. */
    List<String> queryValues(String name) {
        return query().getOrDefault(name, List.of());
    }

    /** Decoded query parameters; a malformed query string (bad percent-encoding) is a 400. */
    Map<String, List<String>> query() {
        if (query == null) {
            throw ApiError.badRequest("Malformed query string");
        }
        return query;
    }

    /** The first value of a query parameter, or null. */
    String queryFirst(String name) {
        List<String> values = queryValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Path segments after {@code prefix}, each percent-decoded (a '+' stays a '+': this is a path, not a form).
     * One trailing slash is ignored, as Express does by default.
     */
    List<String> segmentsAfter(String prefix) {
        String rest = rawPath.substring(prefix.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return List.of();
        }
        if (!rest.startsWith("/")) {
            throw new IllegalArgumentException("path does not continue after prefix");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rest.substring(1).split("/", -1)) {
            segments.add(percentDecode(segment));
        }
        return segments;
    }

    static String percentDecode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw ApiError.badRequest("Malformed percent-encoding in path");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw ApiError.badRequest("Malformed percent-encoding in path");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                params.computeIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return params;
    }
}
