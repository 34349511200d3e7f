package io.gradientconnector.app.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gradientconnector.app.alerts.AlertTotals;

import java.util.Objects;

/**
 * The integration view the portal shows (GET and PUT answer it). Serialised as is by Jackson; absent values are
 * JSON {@code null} at the top level and left out inside {@code gradient}. Times are ISO-8601 strings. It never holds
 * a key: {@code keyFingerprint} is {@link io.gradientconnector.domain.Secret#fingerprint()}.
 *
 * @param status           the connector's own status: PENDING, ACTIVE, NEEDS_KEY
 * @param gradient         what Gradient said just now (or why it could not be asked)
 * @param organizationName the MSP's organization name as last stored
 * @param lastError        the last sync or push error (or the rejected-key reason), null when none
 * @param alerts           the partner's alerts counted by outcome ({@link AlertTotals})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PartnerView(
        String partnerId,
        String status,
        Gradient gradient,
        String organizationName,
        String keyFingerprint,
        Accounts accounts,
        Usage usage,
        String lastSyncAt,
        String lastPushAt,
        String lastError,
        AlertTotals alerts) {

    /** The reason shown when Gradient answered 401 to the stored key. */
    public static final String KEY_REJECTED = "partner key rejected";

    public PartnerView {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(alerts, "alerts");
    }

    /**
     * Gradient's side, read live. {@code reachable=false} comes with {@code error}; otherwise {@code status} is
     * Gradient's integration status ({@code pending}, {@code active}, {@code inactive}, ...).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Gradient(boolean reachable, String status, String organizationName, String error) {
        public static Gradient reached(String status, String organizationName) {
            return new Gradient(true, status, organizationName, null);
        }

        public static Gradient unreachable(String error) {
            return new Gradient(false, null, null, Objects.requireNonNull(error, "error"));
        }
    }

    /**
     * The partner's accounts the vendor has not deleted: all of them, those created in Gradient, and those the MSP
     * has mapped there.
     */
    public record Accounts(long known, long createdInGradient, long mapped) {
    }

    /**
     * Usage ledger rows by push state: each row counts once. {@code pending} = changed since the last push (or never
     * pushed); {@code pushed} = Gradient holds the current count.
     */
    public record Usage(long pushed, long unmapped, long failed, long pending) {
    }
}
