package io.gradientconnector.port.gradient;

/** A module of the vendor's integration: {@code variation} is {@code alerts} or {@code billing}. */
public record VendorModule(String variation, String status, String externalIntegrationStatus) {
}
