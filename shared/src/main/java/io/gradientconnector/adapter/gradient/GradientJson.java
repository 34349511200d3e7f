package io.gradientconnector.adapter.gradient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The client's JSON rules: lenient reading, both envelope styles, plain decimals. Stateless. */
final class GradientJson {
    private static final int MAX_MESSAGE = 500;

    private GradientJson() {
    }

    /** A mapper configured for Gradient; build once per client (thread-safe after construction). */
    static ObjectMapper newMapper() {
        SimpleModule instants = new SimpleModule("gradient-instants");
        instants.addSerializer(Instant.class, new InstantSerializer());
        instants.addDeserializer(Instant.class, new LenientInstantDeserializer());
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // unitCount must go out as 5.5 or 1000, never 1E+3.
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .addModule(instants)
                .build();
    }

    /** Parses a body; blank is {@link MissingNode}. */
    static JsonNode parse(ObjectMapper mapper, String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        return mapper.readTree(body);
    }

    /**
     * Gradient answers some routes bare and others as {@code {data, status, message}}, and the
     * integration record either way, so every response passes through here: an object with a
     * {@code data} member next to {@code status} or {@code message} is an envelope.
     */
    static JsonNode unwrap(JsonNode node) {
        if (node != null && node.isObject() && node.has("data") && (node.has("status") || node.has("message"))) {
            return node.get("data");
        }
        return node;
    }

    /**
     * Gradient's error text: {@code message} as a string or an array of strings (joined by "; "),
     * else {@code error}, else the raw body if it is not JSON. Truncated.
     */
    static String errorMessage(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException notJson) {
            return truncate(body.strip());
        }
        if (node == null) {
            return "";
        }
        if (node.isObject()) {
            String message = text(node.get("message"));
            if (message.isEmpty()) {
                message = text(node.get("error"));
            }
            return truncate(message);
        }
        return truncate(text(node));
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(item -> parts.add(text(item)));
            return String.join("; ", parts);
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static final class InstantSerializer extends StdScalarSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** ISO instants with or without offset; anything unreadable is null (these fields are informative). */
    private static final class LenientInstantDeserializer extends StdScalarDeserializer<Instant> {
        LenientInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }
}
