package io.gradientconnector.app.sync;

import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;
import io.gradientconnector.port.gradient.UnexpectedStatusException;
import io.gradientconnector.port.gradient.VendorProfile;
import io.gradientconnector.port.gradient.VendorSku;
import io.gradientconnector.port.CatalogStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes every catalog service exist in Gradient as a vendor SKU, exactly once, and remembers its id.
 * SKUs are vendor-wide (one vendor key, every partner sees them), so once the catalog store knows
 * every key this costs no Gradient request at all. SKUs are matched by exact name, as Gradient's own
 * SDK and peer integrations do.
 *
 * <p>Syncs of many partners run at once in many containers, and Gradient would happily create two
 * SKUs of one name. So nothing is created without a claim in the {@link CatalogStore} ({@value
 * #LEASE_MINUTES} minutes, longer than any Lambda invocation lives, so a live claimer is never
 * overtaken): after claiming, the sync reads the vendor's SKUs once more, adopts one of that name
 * if it exists, else creates it, and records the id, which ends the claim. A sync that finds the
 * claim held adopts the SKU if that second read shows it, and otherwise leaves the service to the
 * next sync; it never creates. A claimer that died leaves its claim to expire; the next claimer
 * then finds the SKU by name if the create happened, and adopts it instead of creating a second.
 * Thread-safe (stateless apart from its thread-safe collaborators).
 */
final class ServiceSync {
    static final long LEASE_MINUTES = 15;
    private static final Duration LEASE = Duration.ofMinutes(LEASE_MINUTES);

    private final ServiceCatalog catalog;
    private final CatalogStore store;
    private final Clock clock;

    ServiceSync(ServiceCatalog catalog, CatalogStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    /** Returns how many SKUs it created in Gradient. */
    int ensureServices(PartnerSession session) {
        Map<ServiceKey, String> known = store.all();
        List<ServiceCatalog.Service> missing = catalog.services().stream()
                .filter(service -> !known.containsKey(service.key()))
                .toList();
        if (missing.isEmpty()) {
            return 0;
        }
        String owner = UUID.randomUUID().toString();
        VendorProfile vendor = session.getVendor();
        List<ServiceCatalog.Service> claimed = new ArrayList<>();
        List<ServiceCatalog.Service> held = new ArrayList<>();
        for (ServiceCatalog.Service service : missing) {
            Optional<VendorSku> sku = vendor.skuNamed(service.name());
            if (sku.isPresent()) {
                record(service, sku);
                continue;
            }
            switch (store.claim(service.key(), owner, clock.instant(), LEASE)) {
                case CLAIMED, RECLAIMED -> claimed.add(service);
                case HELD -> held.add(service);
                case RECORDED -> {
                }
            }
        }
        if (claimed.isEmpty() && held.isEmpty()) {
            return 0;
        }
        // Read again: the first list may predate a create by an expired claimer, or by one that finished since.
        vendor = session.getVendor();
        for (ServiceCatalog.Service service : held) {
            // Another sync is creating it: adopt it if it is there by now, else leave it to the next sync.
            Optional<VendorSku> sku = vendor.skuNamed(service.name());
            if (sku.isPresent() && store.gradientServiceId(service.key()).isEmpty()) {
                record(service, sku);
            }
        }
        int created = 0;
        for (ServiceCatalog.Service service : claimed) {
            Optional<VendorSku> sku = vendor.skuNamed(service.name());
            if (sku.isEmpty()) {
                vendor = session.createService(CreateServiceRequest.of(service.name(), service.description(),
                        ServiceCategory.fromWire(service.category()), ServiceSubcategory.fromWire(service.subcategory())));
                sku = vendor.skuNamed(service.name());
                created++;
            }
            record(service, sku);
        }
        return created;
    }

    private void record(ServiceCatalog.Service service, Optional<VendorSku> sku) {
        String id = sku.map(VendorSku::id).filter(value -> !value.isBlank()).orElseThrow(() ->
                new UnexpectedStatusException(201, "POST /api/vendor-api/service",
                        "the vendor's SKUs do not include the service just created: " + service.key()));
        store.put(service.key(), id, service.name());
    }
}
