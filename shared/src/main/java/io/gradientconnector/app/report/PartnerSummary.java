package io.gradientconnector.app.report;

import java.util.Objects;

/**
 * One partner in the operators' list.
 *
 * @param status        local status ({@code PENDING}, {@code ACTIVE}, {@code NEEDS_KEY}, {@code DISCONNECTED})
 * @param gradientStatus the integration status last stored from Gradient, or null
 * @param rows          the partner's ledger rows by state ({@link ReportLines#state})
 * @param lastPushAt    ISO-8601 or null
 * @param lastSyncAt    ISO-8601 or null
 * @param lastError     the last sync or push error, or null
 */
public record PartnerSummary(String partnerId, String status, String gradientStatus, String organizationName,
                             Rows rows, String lastPushAt, String lastSyncAt, String lastError) {

    public PartnerSummary {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rows, "rows");
    }

    /** Ledger rows by state ({@code removed}: of a service the catalog no longer lists, kept and never pushed). */
    public record Rows(long pending, long unmapped, long failed, long pushed, long removed) {
    }
}
