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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes every catalog service exist in Gradient as a vendor SKU and remembers its id. SKUs are
 * vendor-wide, so once the catalog store knows every key this costs no Gradient request at all.
 * SKUs are matched by exact name, as Gradient's own SDK and peer integrations do, and the first SKU
 * with that name wins: two workers racing to create the same SKU both settle on the older one.
 * Thread-safe (stateless apart from its thread-safe collaborators).
 */
final class ServiceSync {
    private final ServiceCatalog catalog;
    private final CatalogStore store;

    ServiceSync(ServiceCatalog catalog, CatalogStore store) {
        this.catalog = catalog;
        this.store = store;
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
        VendorProfile vendor = session.getVendor();
        int created = 0;
        for (ServiceCatalog.Service service : missing) {
            Optional<VendorSku> sku = vendor.skuNamed(service.name());
            if (sku.isEmpty()) {
                vendor = session.createService(CreateServiceRequest.of(service.name(), service.description(),
                        ServiceCategory.fromWire(service.category()), ServiceSubcategory.fromWire(service.subcategory())));
                sku = vendor.skuNamed(service.name());
                created++;
            }
            String id = sku.map(VendorSku::id).filter(value -> !value.isBlank()).orElseThrow(() ->
                    new UnexpectedStatusException(201, "POST /api/vendor-api/service",
                            "the vendor's SKUs do not include the service just created: " + service.key()));
            store.put(service.key(), id, service.name());
        }
        return created;
    }
}
