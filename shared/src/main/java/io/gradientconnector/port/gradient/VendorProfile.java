package io.gradientconnector.port.gradient;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The vendor and its service catalog ({@code GET /api/vendor-api}, and what service routes return). */
public record VendorProfile(@JsonAlias("_id") String id, String name, String description, String integrationType,
                            String imageUri, List<VendorSku> skus, @JsonProperty("isDistributor") Boolean distributor,
                            String integrationPortalUrl, String vendorSupportPageUrl, String externalIntegrationStatus,
                            List<String> mappingResponsibilities, List<VendorModule> modules, String organizationId,
                            List<JsonNode> attributes, Instant createdAt, Instant updatedAt) {

    public VendorProfile {
        skus = Checks.list(skus);
        mappingResponsibilities = Checks.list(mappingResponsibilities);
        modules = Checks.list(modules);
        attributes = Checks.list(attributes);
    }

    /** The SKU with exactly this name (peers match SKUs by name). */
    public Optional<VendorSku> skuNamed(String skuName) {
        return skus.stream().filter(s -> s.name() != null && s.name().equals(skuName)).findFirst();
    }

    public Optional<VendorSku> skuWithId(String skuId) {
        return skus.stream().filter(s -> s.id() != null && s.id().equals(skuId)).findFirst();
    }
}
