package io.gradientconnector.gradient;

/** An organization service as Gradient echoes it after an update. */
public record OrganizationServiceRecord(String id, String name, String description, String mappingId) {
}
