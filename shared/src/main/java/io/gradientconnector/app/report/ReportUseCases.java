package io.gradientconnector.app.report;

import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.port.CatalogStore;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.PushAuditLog;
import io.gradientconnector.port.UsageLedger;

import java.util.Objects;

/**
 * The operators' read-only use cases, wired once (the partner-key function serves them): the partners list, the
 * reconciliation report and the push audit trail. Immutable and thread-safe.
 */
public record ReportUseCases(ListPartners listPartners, ReconciliationReport report, PushHistory pushHistory) {

    public ReportUseCases {
        Objects.requireNonNull(listPartners, "listPartners");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(pushHistory, "pushHistory");
    }

    /** {@code services}: the vendor's catalog (the report gives counts in Gradient's unit, after its conversion). */
    public static ReportUseCases create(PartnerStore partners, UsageLedger ledger, CatalogStore catalog,
                                        PushAuditLog audit, ServiceCatalog services) {
        return new ReportUseCases(new ListPartners(partners, ledger, services),
                new ReconciliationReport(partners, ledger, services), new PushHistory(partners, catalog, audit));
    }
}
