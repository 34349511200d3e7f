package io.gradientconnector.gradient;

/** An account as Gradient echoes it after a create or update; {@code mappingId} is set once mapped. */
public record AccountRecord(String id, String name, String description, String mappingId) {
}
