package io.gradientconnector.port.gradient;

import java.time.Instant;

/**
 * One partner's integration with the vendor ({@code GET /api/vendor-api/organization}).
 * {@code name} is the MSP's organization name; {@code lastSyncedAt} in 1900 means "never".
 */
public record Integration(String organizationId, String name, String vendorId, String vendorName,
                          String integrationId, IntegrationStatus status, Instant lastSyncedAt) {
}
