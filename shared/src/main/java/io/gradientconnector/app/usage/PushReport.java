package io.gradientconnector.app.usage;

import io.gradientconnector.domain.UsageRowKey;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link CountPusher#push} call did.
 *
 * @param pushed          rows whose count Gradient accepted
 * @param unmapped        rows Gradient answered 404 for (recorded; the next account sync retries them)
 * @param failed          rows that failed for good this time and were recorded as failed (e.g. 400, service not yet created)
 * @param skipped         rows already pushed at their current version, or of a partner that is not connected
 * @param partnerNeedsKey Gradient rejected the partner's key (401); the partner is marked and its pushes stop
 * @param retryable       rows to try again later (429/5xx/connection failures past the client's retries, deadline reached)
 */
public record PushReport(int pushed, int unmapped, int failed, int skipped, boolean partnerNeedsKey,
                         List<UsageRowKey> retryable) {
    public PushReport {
        Objects.requireNonNull(retryable, "retryable");
        retryable = List.copyOf(retryable);
    }
}
