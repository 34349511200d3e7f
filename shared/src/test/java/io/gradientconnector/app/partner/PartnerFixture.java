package io.gradientconnector.app.partner;

import io.gradientconnector.testing.InMemoryStores;

import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryPartnerLocks;

import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.testing.InMemorySyncQueue;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.testing.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The partner use cases over in-memory fakes: stores, vault, sync queue, locks and a {@link InMemoryGradient} that accepts
 * {@link #partnerKey}. Keys look like secrets (a random suffix) so leak checks can search for them. Not thread-safe
 * to set up; the parts are.
 */
public final class PartnerFixture {
    public final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    public final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    public final String vendorKey = "VENDORKEY" + UUID.randomUUID().toString().replace("-", "");
    public final String partnerKey = "PARTNERKEY" + UUID.randomUUID().toString().replace("-", "");
    public final InMemoryKeyVault vault = InMemoryKeyVault.create();
    public final InMemorySyncQueue syncQueue = InMemorySyncQueue.create();
    public final InMemoryPartnerLocks locks = InMemoryPartnerLocks.create();
    public final InMemoryGradient gradient = new InMemoryGradient(vendorKey);
    /** The alerts the view counts and the portal lists (recorded through {@code stores.journal()}). */
    public final io.gradientconnector.testing.InMemoryAlertStore alerts = InMemoryStores.alerts(stores);
    public final PartnerUseCases useCases;

    public PartnerFixture() {
        vault.setVendorKey(Secret.of(vendorKey));
        gradient.accept(partnerKey, "Contoso MSP", IntegrationStatus.INACTIVE);
        useCases = builder().build();
    }

    /** A builder with every fake set, to swap one. */
    public PartnerUseCases.Builder builder() {
        return PartnerUseCases.builder().stores(stores).vault(vault).gradient(gradient).locks(locks)
                .syncQueue(syncQueue).alerts(alerts).clock(clock);
    }

    public Instant deadline() {
        return clock.instant().plusSeconds(25);
    }
}
