package io.gradientconnector.app.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One (account, service) line of the reconciliation report. Times are ISO-8601 strings, absent values null (they are
 * written as JSON nulls or empty CSV cells).
 *
 * @param ledgerCount    the connector's count (what the vendor's events give)
 * @param confirmedCount the last count Gradient accepted for this row (what was actually sent), or null if none yet
 * @param confirmedAt    when that push was recorded, or null when the row's last recorded push was not accepted
 *                       (the audit trail holds every attempt)
 * @param lastAttemptAt  when the last push result (of any outcome) was recorded, or null if never pushed
 * @param state          {@code pushed} (Gradient holds the ledger count), {@code pending} (changed since, or never
 *                       pushed), {@code unmapped} (Gradient answered 404) or {@code failed}
 * @param difference     ledgerCount minus confirmedCount (0 when none was confirmed)
 * @param lastError      the last push error, or null
 */
public record ReportLine(
        String accountId,
        String service,
        BigDecimal ledgerCount,
        BigDecimal confirmedCount,
        String confirmedAt,
        String lastAttemptAt,
        String state,
        BigDecimal difference,
        String lastError) {

    public ReportLine {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(ledgerCount, "ledgerCount");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(difference, "difference");
    }
}
