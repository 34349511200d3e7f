package io.gradientconnector.port;

import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The usage ledger: the authoritative count per (partner, account, service) and what was pushed.
 * Counts change only through {@link EventJournal#record}; this port reads rows and records pushes.
 * Implementations are thread-safe; every rule that must hold under concurrency is a condition.
 */
public interface UsageLedger {

    Optional<LedgerRow> get(UsageRowKey key);

    /** The partner's rows, ordered by (account, service) encoding. */
    Page<LedgerRow> list(PartnerId partnerId, Optional<String> cursor, int limit);

    /** Every row of the partner, in {@link #list} order, read a page of {@link Page#MAX_LIMIT} at a time. */
    default void forEachRow(PartnerId partnerId, Consumer<LedgerRow> action) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<LedgerRow> page = list(partnerId, cursor, Page.MAX_LIMIT);
            page.items().forEach(action);
            cursor = page.nextCursor();
        } while (cursor.isPresent());
    }

    /** One account's rows. */
    Page<LedgerRow> listForAccount(PartnerId partnerId, AccountId accountId, Optional<String> cursor, int limit);

    /**
     * The partner's rows whose count Gradient may not hold: never pushed, changed since, failed or
     * unmapped. Pages may be short or empty while a cursor remains (see {@link Page}).
     */
    Page<LedgerRow> listNeedingPush(PartnerId partnerId, Optional<String> cursor, int limit);

    /**
     * Records the outcome of pushing version {@code attemptedVersion} of a row. Recorded only if no
     * newer attempt was recorded already (the stored pushed version is older, or equal and not
     * PUSHED); {@code pushedCount} is stored only for PUSHED. Returns false when a newer result won
     * (or the row is unknown): the caller lost and must not act as if its result stood.
     */
    boolean recordPushResult(UsageRowKey key, long attemptedVersion, Quantity pushedCount, PushState outcome,
                             Optional<String> error, Instant at);

    /**
     * Takes the row's push lease (delta mode) for {@code duration}, if it is free, expired, or
     * already this owner's. Returns whether {@code owner} holds it now.
     */
    boolean acquireLease(UsageRowKey key, String owner, Duration duration, Instant now);

    /** Releases the lease if {@code owner} holds it. Returns whether it did. */
    boolean releaseLease(UsageRowKey key, String owner);

    /**
     * Forgets what was pushed for every row of the partner (Gradient dropped the accounts on
     * disconnect), so that every row needs a push again. Returns how many rows it changed.
     */
    int forgetPushes(PartnerId partnerId);
}
