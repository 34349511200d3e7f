package io.gradientconnector.port;

import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts the webhook recorded ({@link EventJournal} creates each one with its de-duplication row) and their
 * progress, plus the dedup-key claims that keep an open alert from being sent again (docs/STORAGE.md). Every write
 * is conditional, so concurrent workers decide each step once. Alerts expire {@code ALERT_TTL_DAYS} after they were
 * received. Failures are {@link StoreUnavailableException}. Implementations are thread-safe.
 */
public interface AlertStore {

    Optional<AlertRecord> get(AlertRef ref);

    /**
     * Stores {@code next} if the stored alert's version is still {@code next.version() - 1}; false when another
     * writer moved it first (nothing written).
     */
    boolean update(AlertRecord next);

    /**
     * One page of the partner's alerts, newest {@code occurredAt} first, only those in {@code stages} (all when
     * empty); a filtered page may hold fewer than {@code limit} while a cursor remains.
     *
     * @throws IllegalArgumentException a cursor this listing did not make, or a limit outside 1..1000
     */
    Page<AlertRecord> list(PartnerId partnerId, Set<AlertStage> stages, Optional<String> cursor, int limit);

    /**
     * Claims the alert's {@code (account, dedupKey)} for it, unless another alert holds it open at {@code now}
     * (claimed and not yet closed, or closed later than {@code now}). One conditional write, so of two alerts racing
     * for a free key exactly one wins. Claiming a key this alert already holds succeeds again.
     *
     * @return empty when {@code alert} holds the key now; otherwise the id of the alert holding it open
     * @throws IllegalArgumentException the alert has no dedup key
     */
    Optional<EventId> claimDedupKey(AlertRecord alert, Instant now);

    /** Keeps the key open until {@code until} (the past closes it), if {@code holder} still holds it. */
    void openDedupKeyUntil(AlertRecord holder, Instant until);
}
