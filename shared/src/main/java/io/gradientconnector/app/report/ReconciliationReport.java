package io.gradientconnector.app.report;

import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.UsageLedger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: one page of a partner's reconciliation report, a line per (account, service) ledger row in key order
 * ({@link ReportLines}). A page is one query of the partner's ledger rows (at most {@link #MAX_LIMIT}); a large
 * partner is read page after page with the returned cursor. Disconnected partners keep their report; only a partner
 * never seen is unknown. Thread-safe.
 */
public final class ReconciliationReport {
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    /** One page: its lines and the cursor of the next page, if any. */
    public record ReportPage(String partnerId, List<ReportLine> lines, Optional<String> nextCursor) {
        public ReportPage {
            Objects.requireNonNull(partnerId, "partnerId");
            lines = List.copyOf(lines);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    private final PartnerStore partners;
    private final UsageLedger ledger;
    private final ServiceCatalog services;

    /** {@code services}: the vendor's catalog, whose unit conversions turn a row's SKU sum into Gradient's count. */
    public ReconciliationReport(PartnerStore partners, UsageLedger ledger, ServiceCatalog services) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.services = Objects.requireNonNull(services, "services");
    }

    /**
     * @throws ReportFailure.UnknownPartner no such partner
     * @throws ReportFailure.BadCursor      the cursor is not one this report returned
     */
    public ReportPage page(PartnerId partnerId, Optional<String> cursor, int limit) {
        Objects.requireNonNull(partnerId, "partnerId");
        checkLimit(limit);
        if (partners.get(partnerId).isEmpty()) {
            throw new ReportFailure.UnknownPartner(partnerId);
        }
        Page<LedgerRow> rows;
        try {
            rows = ledger.list(partnerId, cursor, limit);
        } catch (IllegalArgumentException badCursor) {
            throw new ReportFailure.BadCursor();
        }
        return new ReportPage(partnerId.value(), rows.items().stream().map(row -> ReportLines.of(row, services)).toList(), rows.nextCursor());
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
