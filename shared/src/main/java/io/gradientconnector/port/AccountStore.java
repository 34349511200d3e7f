package io.gradientconnector.port;

import io.gradientconnector.domain.AccountRecord;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;

import java.util.Optional;

/**
 * A partner's customer accounts. The vendor's side is written by {@link EventJournal} (account
 * events); this port reads accounts and records Gradient's side. Implementations are thread-safe.
 */
public interface AccountStore {

    Optional<AccountRecord> get(PartnerId partnerId, AccountId accountId);

    /** The partner's accounts (deleted ones included), ordered by id encoding, a page at a time. */
    Page<AccountRecord> list(PartnerId partnerId, Optional<String> cursor, int limit);

    /**
     * The account now exists in Gradient with this name and description (just created, or
     * updated). Returns false when the account is unknown.
     */
    boolean recordCreatedInGradient(PartnerId partnerId, AccountId accountId, String sentName,
                                    Optional<String> sentDescription);

    /** Whether the MSP has mapped the account in Gradient. Returns false when the account is unknown. */
    boolean recordMapped(PartnerId partnerId, AccountId accountId, boolean mapped);

    /**
     * Forgets every account's Gradient state (Gradient deletes the accounts on disconnect): state
     * NONE, nothing sent, not mapped. Returns how many accounts it changed.
     */
    int clearGradientState(PartnerId partnerId);
}
