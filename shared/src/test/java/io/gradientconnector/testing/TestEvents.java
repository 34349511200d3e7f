package io.gradientconnector.testing;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * Builds vendor events for tests: times are seconds after a fixed epoch, so "t(5)" reads as
 * "happened at second 5".
 */
public final class TestEvents {
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private TestEvents() {
    }

    public static Instant t(long seconds) {
        return EPOCH.plusSeconds(seconds);
    }

    /** A partner id unique to this call, so tests sharing a table never see each other's data. */
    public static PartnerId uniquePartner() {
        return PartnerId.of("p-" + UUID.randomUUID().toString().substring(0, 13));
    }

    public static VendorEvent.UsageSet set(String id, PartnerId partner, String account, String service, String qty,
                                           long at) {
        return new VendorEvent.UsageSet(EventId.of(id), partner, t(at), AccountId.of(account), ServiceKey.of(service),
                Quantity.of(qty));
    }

    public static VendorEvent.UsageAdd add(String id, PartnerId partner, String account, String service, String qty,
                                           long at) {
        return new VendorEvent.UsageAdd(EventId.of(id), partner, t(at), AccountId.of(account), ServiceKey.of(service),
                Quantity.of(qty));
    }

    public static VendorEvent.UsageSubtract subtract(String id, PartnerId partner, String account, String service,
                                                     String qty, long at) {
        return new VendorEvent.UsageSubtract(EventId.of(id), partner, t(at), AccountId.of(account),
                ServiceKey.of(service), Quantity.of(qty));
    }

    public static VendorEvent.AccountUpserted upsert(String id, PartnerId partner, String account, String name,
                                                     long at) {
        return new VendorEvent.AccountUpserted(EventId.of(id), partner, t(at),
                new VendorAccount(AccountId.of(account), name, null));
    }

    public static VendorEvent.AccountDeleted delete(String id, PartnerId partner, String account, long at) {
        return new VendorEvent.AccountDeleted(EventId.of(id), partner, t(at), AccountId.of(account));
    }
}
