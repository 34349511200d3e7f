package io.gradientconnector.port.gradient;

/** An account as Gradient echoes it after a create or update; {@code mappingId} is set once mapped. */
public record SavedAccount(String id, String name, String description, String mappingId) {
}
