package io.gradientconnector.domain;


import java.util.Objects;

/**
 * Usage queue message: "this ledger row may differ from Gradient". It carries no count; the worker
 * reads the row's current count, so duplicates and reordering are harmless.
 */
public record PushRequest(PartnerId partnerId, AccountId accountId, ServiceKey service) {
    public PushRequest {
        Objects.requireNonNull(partnerId, "partnerId is required");
        Objects.requireNonNull(accountId, "accountId is required");
        Objects.requireNonNull(service, "service is required");
    }
}
