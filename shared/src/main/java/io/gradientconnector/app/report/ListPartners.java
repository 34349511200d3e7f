package io.gradientconnector.app.report;

import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.UsageLedger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the vendor's operators list partners, all of them or those in one status (e.g. every partner needing a
 * new key), a page at a time, by partner id. What each page costs (docs/REPORT.md): one index query for the partner
 * items (GSI {@code byKind}, or {@code byStatus} when filtered; never a table scan), and for the row counts one
 * paged query of each listed partner's ledger rows ({@link UsageLedger#forEachRow}). Status, Gradient status
 * and the last push and sync come from the partner item itself. Thread-safe.
 */
public final class ListPartners {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    /** One page of partners and the cursor of the next page, if any. */
    public record PartnerList(List<PartnerSummary> partners, Optional<String> nextCursor) {
        public PartnerList {
            partners = List.copyOf(partners);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    private final PartnerStore partners;
    private final UsageLedger ledger;
    private final ServiceCatalog services;

    public ListPartners(PartnerStore partners, UsageLedger ledger, ServiceCatalog services) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.services = Objects.requireNonNull(services, "services");
    }

    /** @throws ReportFailure.BadCursor the cursor is not one this listing (with this filter) returned */
    public PartnerList page(Optional<PartnerStatus> status, Optional<String> cursor, int limit) {
        Objects.requireNonNull(status, "status");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        Page<PartnerRecord> page;
        try {
            page = status.isPresent() ? partners.listByStatus(status.get(), cursor, limit)
                    : partners.list(cursor, limit);
        } catch (IllegalArgumentException badCursor) {
            throw new ReportFailure.BadCursor();
        }
        List<PartnerSummary> summaries = new ArrayList<>(page.items().size());
        for (PartnerRecord partner : page.items()) {
            summaries.add(summary(partner));
        }
        return new PartnerList(summaries, page.nextCursor());
    }

    private PartnerSummary summary(PartnerRecord partner) {
        return new PartnerSummary(
                partner.partnerId().value(),
                partner.status().name(),
                partner.gradientStatus().orElse(null),
                partner.organizationName().orElse(null),
                rows(partner.partnerId()),
                time(partner.lastPushAt()),
                time(partner.lastSyncAt()),
                partner.lastError().orElse(null));
    }

    private PartnerSummary.Rows rows(PartnerId partnerId) {
        Map<String, Long> rows = new HashMap<>();
        ledger.forEachRow(partnerId, row -> rows.merge(ReportLines.state(row, services), 1L, Long::sum));
        return new PartnerSummary.Rows(rows.getOrDefault(ReportLines.PENDING, 0L),
                rows.getOrDefault(ReportLines.UNMAPPED, 0L), rows.getOrDefault(ReportLines.FAILED, 0L),
                rows.getOrDefault(ReportLines.PUSHED, 0L), rows.getOrDefault(ReportLines.REMOVED, 0L));
    }

    private static String time(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(null);
    }
}
