package io.gradientconnector.lambda;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads request bodies into Jackson trees with limits, turning every parse failure into a 400 naming {@code body}.
 * Callers then validate field by field, so each error can name its field.
 */
public final class JsonBodies {

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodies(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Quantities stay exactly as sent (no float rounding, no stripped zeros).
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                // Two values for one key would let the signed body mean two things; refuse it.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxNumberLength(64).maxStringLength(maxBytes).build());
    }

    /** The body as a JSON object; 413 past the size limit, 400 when empty, not JSON, or not an object. */
    public ObjectNode readObject(byte[] body) {
        if (body.length > maxBytes) {
            throw new ApiException(ApiError.of(413, "payload_too_large", "body exceeds " + maxBytes + " bytes"));
        }
        if (body.length == 0) {
            throw ApiException.invalidField("body", "is required");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonParseException e) {
            throw ApiException.invalidField("body", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiException.invalidField("body", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalidField("body", "must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
