package io.gradientconnector.localrun.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway (REST API) Lambda proxy integration, both ways: an HTTP request becomes the event JSON the
 * {@code APIGatewayProxyRequestEvent} reads, and the handler's {@code APIGatewayProxyResponseEvent} JSON becomes the
 * HTTP answer. A body that is valid UTF-8 passes as text; any other is Base64 with {@code isBase64Encoded: true}.
 * Header names are passed in lower case. Stateless and thread-safe.
 */
public final class ProxyEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProxyEvents() {
    }

    /** An HTTP request as the proxy integration sees it. */
    public record HttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              byte[] body, String sourceIp) {
    }

    /** An HTTP answer. */
    public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
    }

    public static byte[] requestEvent(HttpRequest request, RouteTable.Match match, String stage, String apiKey,
                                      Clock clock) {
        ObjectNode event = JSON.createObjectNode();
        String path = decode(request.rawPath());
        event.put("resource", match.route().path());
        event.put("path", path);
        event.put("httpMethod", request.method());
        ObjectNode headers = event.putObject("headers");
        ObjectNode multiHeaders = event.putObject("multiValueHeaders");
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            headers.put(lower, values.get(values.size() - 1));
            ArrayNode all = multiHeaders.putArray(lower);
            values.forEach(all::add);
        });
        Map<String, List<String>> query = query(request.rawQuery());
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                ArrayNode all = multi.putArray(name);
                values.forEach(all::add);
            });
        }
        if (match.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode parameters = event.putObject("pathParameters");
            match.pathParameters().forEach((name, value) -> parameters.put(name, decode(value)));
        }
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "local");
        context.put("resourceId", "local");
        context.put("resourcePath", match.route().path());
        context.put("httpMethod", request.method());
        context.put("path", "/" + stage + path);
        context.put("stage", stage);
        context.put("protocol", "HTTP/1.1");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("requestTimeEpoch", clock.millis());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.sourceIp());
        if (apiKey != null) {
            identity.put("apiKey", apiKey);
        }
        String text = utf8(request.body());
        if (request.body().length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (text != null) {
            event.put("body", text);
            event.put("isBase64Encoded", false);
        } else {
            event.put("body", Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", true);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the proxy event", e);
        }
    }

    /**
     * The handler's proxy response as HTTP; a result that is not one (no {@code statusCode}) is API Gateway's 502
     * "Malformed Lambda proxy response".
     */
    public static HttpResponse response(byte[] result) {
        JsonNode node;
        try {
            node = JSON.readTree(result);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.path("statusCode").canConvertToInt()) {
            return json(502, "{\"message\":\"Internal server error\",\"local\":\"Malformed Lambda proxy response\"}");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
        node.path("multiValueHeaders").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            headers.put(e.getKey(), values);
        });
        JsonNode body = node.path("body");
        byte[] bytes;
        if (body.isMissingNode() || body.isNull()) {
            bytes = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            bytes = Base64.getDecoder().decode(body.asText());
        } else {
            bytes = body.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpResponse(node.path("statusCode").asInt(), headers, bytes);
    }

    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, Map.of("Content-Type", List.of("application/json")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON {@code {"message": text}} answer. */
    public static HttpResponse message(int status, String text) {
        return json(status, JSON.createObjectNode().put("message", text).toString());
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decodeQuery(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Percent-decoding of a path ({@code +} stays a plus). */
    static String decode(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
