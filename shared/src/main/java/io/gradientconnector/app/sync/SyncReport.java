package io.gradientconnector.app.sync;

import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.app.usage.PushReport;

import io.gradientconnector.domain.ServiceKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one finished account sync did.
 *
 * @param servicesCreated  catalog services created in Gradient (vendor-wide, so usually only on the first sync)
 * @param accountsCreated  accounts created in Gradient (new ones, and every one recreated after a disconnect)
 * @param accountsRenamed  accounts whose name or description was updated in Gradient
 * @param accountsMapped   the partner's accounts Gradient reports mapped
 * @param accountsUnmapped the partner's live accounts that exist in Gradient but are not mapped yet
 * @param recreated        Gradient had lost accounts the connector had created (the MSP disconnected
 *                         upstream): they were recreated and every ledger row will be pushed again
 * @param gradientStatus   the integration status after the sync
 * @param statusSetPending the sync found the integration {@code inactive} and set it {@code pending}
 * @param pushes           the re-push of the partner's ledger rows that Gradient may not hold
 * @param removedServices  services no longer in the catalog that still have rows needing a push, with how many:
 *                         those rows stay in the ledger and are not pushed (docs/CATALOG.md)
 */
public record SyncReport(int servicesCreated, int accountsCreated, int accountsRenamed, int accountsMapped,
                         int accountsUnmapped, boolean recreated, IntegrationStatus gradientStatus,
                         boolean statusSetPending, PushReport pushes, Map<ServiceKey, Integer> removedServices) {
    public SyncReport {
        Objects.requireNonNull(gradientStatus, "gradientStatus");
        Objects.requireNonNull(pushes, "pushes");
        removedServices = Map.copyOf(Objects.requireNonNull(removedServices, "removedServices"));
    }

    public SyncReport(int servicesCreated, int accountsCreated, int accountsRenamed, int accountsMapped,
                      int accountsUnmapped, boolean recreated, IntegrationStatus gradientStatus,
                      boolean statusSetPending, PushReport pushes) {
        this(servicesCreated, accountsCreated, accountsRenamed, accountsMapped, accountsUnmapped, recreated,
                gradientStatus, statusSetPending, pushes, Map.of());
    }

    /** Rows not pushed because their service left the catalog. */
    public int removedServiceRows() {
        return removedServices.values().stream().mapToInt(Integer::intValue).sum();
    }

    static PushReport nothingPushed() {
        return new PushReport(0, 0, 0, 0, false, List.of());
    }
}
