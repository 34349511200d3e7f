package io.gradientconnector.port.gradient;

import java.util.Map;

/**
 * A client from the partner's PSA. Gradient does not document the item shape, so {@code id} is the
 * first of {@code id}, {@code _id}, {@code clientOId} that is present, and every other scalar field
 * is kept in {@code attributes}.
 */
public record PsaClient(String id, String name, Map<String, Object> attributes) {
    public PsaClient {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
