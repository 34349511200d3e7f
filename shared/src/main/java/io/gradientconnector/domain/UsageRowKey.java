package io.gradientconnector.domain;


import java.util.Objects;

/** Identifies one usage ledger row: (partner, account, service). */
public record UsageRowKey(PartnerId partnerId, AccountId accountId, ServiceKey service) {
    public UsageRowKey {
        Objects.requireNonNull(partnerId, "partnerId is required");
        Objects.requireNonNull(accountId, "accountId is required");
        Objects.requireNonNull(service, "service is required");
    }

    public static UsageRowKey of(String partnerId, String accountId, String service) {
        return new UsageRowKey(PartnerId.of(partnerId), AccountId.of(accountId), ServiceKey.of(service));
    }
}
