package io.gradientconnector.port;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;

import java.util.Optional;

/**
 * The push audit trail: every count push attempt, kept for a configured time (then expired by the store), readable
 * per (partner, account, Gradient service), newest first. Implementations are thread-safe.
 */
public interface PushAuditLog {

    /**
     * Keeps one attempt. Attempts are never updated; two attempts with the same time and request id are the same.
     *
     * @throws StoreUnavailableException the store failed (the caller must not let this fail the push)
     */
    void record(PushAttempt attempt);

    /**
     * One page of the attempts for this account and Gradient service, newest first.
     *
     * @throws IllegalArgumentException the cursor is not one this store returned, or the limit is out of range
     */
    Page<PushAttempt> list(PartnerId partnerId, AccountId accountId, String gradientServiceId,
                           Optional<String> cursor, int limit);
}
