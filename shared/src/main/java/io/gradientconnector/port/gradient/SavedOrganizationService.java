package io.gradientconnector.port.gradient;

/** An organization service as Gradient echoes it after an update. */
public record SavedOrganizationService(String id, String name, String description, String mappingId) {
}
