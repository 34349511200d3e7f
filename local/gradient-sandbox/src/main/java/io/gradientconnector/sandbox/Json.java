package io.gradientconnector.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON helpers over one strict, immutable (hence thread-safe) mapper. Tree model only: no reflection binding. */
final class Json {

    /** Strict: trailing tokens and duplicate keys are invalid JSON; decimals stay exact. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses a request body; the message is safe to return (it never contains the body itself). */
    static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("Invalid JSON body: " + describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage();
        String firstLine = original == null ? "malformed" : original.lines().findFirst().orElse("malformed");
        // Jackson quotes a short excerpt of the offending token; cap it so large payloads never echo back.
        if (firstLine.length() > 120) {
            firstLine = firstLine.substring(0, 120) + "...";
        }
        var location = e.getLocation();
        return location == null ? firstLine
                : firstLine + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static ObjectNode errorBody(ApiError error) {
        ObjectNode body = object().put("statusCode", error.status());
        if (error.messageIsArray()) {
            ArrayNode messages = body.putArray("message");
            error.messages().forEach(messages::add);
        } else {
            body.put("message", error.messages().get(0));
        }
        body.put("error", ApiError.reason(error.status()));
        return body;
    }

    /** Gradient's timestamp style: ISO-8601 UTC with milliseconds. */
    static String time(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }

    /** 5, 5.5, 1000 (not 5.0, 1E+3); counts stay exact. */
    static BigDecimal normalise(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static void putIfNotNull(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
