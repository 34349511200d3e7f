package io.gradientconnector.sandbox;

import java.util.List;
import java.util.Objects;

/** What {@code POST /__sandbox/partners} created: the MSP organization, its integration and its PSA clients. */
public record PartnerIds(String organizationId, String integrationId, List<PsaClient> clients) {

    public PartnerIds {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(integrationId, "integrationId");
        clients = List.copyOf(clients);
    }
}
