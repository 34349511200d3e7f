package io.gradientconnector.app.report;

import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceCatalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place the report and the partners list read ledger rows: the count the vendor's events give, the count
 * Gradient confirmed (the row's push state: what was actually sent and accepted, never recomputed here), and the
 * row's state. Stateless.
 */
public final class ReportLines {
    public static final String PUSHED = "pushed";
    public static final String PENDING = "pending";
    public static final String UNMAPPED = "unmapped";
    public static final String FAILED = "failed";
    /** A row of a service the catalog no longer lists: kept in the ledger, never pushed again. */
    public static final String REMOVED = "removed";

    private ReportLines() {
    }

    /**
     * The report line of one row. The ledger count is given in Gradient's unit (the catalog's conversion of the row's
     * SKU sum, as a push would send it), so it compares with the confirmed count.
     */
    public static ReportLine of(LedgerRow row, ServiceCatalog services) {
        BigDecimal ledger = services.gradientCount(row).value();
        Optional<BigDecimal> confirmed = row.pushedCount().map(Quantity::value);
        boolean lastAccepted = row.pushState() == PushState.PUSHED;
        return new ReportLine(
                row.key().accountId().value(),
                row.key().service().value(),
                ledger,
                confirmed.orElse(null),
                lastAccepted ? time(row.lastPushAt()) : null,
                time(row.lastPushAt()),
                state(row, services),
                ledger.subtract(confirmed.orElse(BigDecimal.ZERO)),
                row.lastPushError().orElse(null));
    }

    /**
     * Where a row stands ({@link LedgerRow#standing()}, in the report's words), or {@code removed} when the catalog
     * no longer lists its service (never pushed again).
     */
    public static String state(LedgerRow row, ServiceCatalog services) {
        if (!services.contains(row.key().service())) {
            return REMOVED;
        }
        return switch (row.standing()) {
            case UNMAPPED -> UNMAPPED;
            case FAILED -> FAILED;
            case PENDING -> PENDING;
            case PUSHED -> PUSHED;
        };
    }

    private static String time(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(null);
    }
}
