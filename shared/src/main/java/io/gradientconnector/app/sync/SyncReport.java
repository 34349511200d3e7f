package io.gradientconnector.app.sync;

import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.app.usage.PushReport;

import java.util.List;
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
 */
public record SyncReport(int servicesCreated, int accountsCreated, int accountsRenamed, int accountsMapped,
                         int accountsUnmapped, boolean recreated, IntegrationStatus gradientStatus,
                         boolean statusSetPending, PushReport pushes) {
    public SyncReport {
        Objects.requireNonNull(gradientStatus, "gradientStatus");
        Objects.requireNonNull(pushes, "pushes");
    }

    static PushReport nothingPushed() {
        return new PushReport(0, 0, 0, 0, false, List.of());
    }
}
