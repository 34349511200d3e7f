package io.gradientconnector.app.usage;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.UsageRowKey;
import java.time.Instant;
import java.util.List;

/**
 * Pushes the current ledger counts of some rows of one partner to Gradient and records each outcome in the ledger.
 * The usage-push worker (webhook-driven) and the account sync (re-push of unmapped, failed and never-pushed rows)
 * share this one path, so both honour the same rules: absolute counts, {@code no_build} on all but the last call,
 * 404 recorded as unmapped, 401 stopping the partner.
 */
public interface CountPusher {

    /**
     * @param rows     rows of {@code partnerId}; duplicates are pushed once
     * @param deadline no Gradient call (or retry) starts after it; rows not reached are reported as retryable
     */
    PushReport push(PartnerId partnerId, List<UsageRowKey> rows, Instant deadline);
}
