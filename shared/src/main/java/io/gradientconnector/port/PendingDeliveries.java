package io.gradientconnector.port;

import io.gradientconnector.domain.StagedDelivery;

import java.time.Instant;
import java.util.List;

/**
 * Webhook deliveries that are recorded but whose events may not all be in the {@link EventJournal} yet.
 * {@link #stage} is one atomic write holding every event of a delivery: before it nothing of the delivery is
 * stored, after it all of it is. A delivery is {@link #complete}d once each of its events is in the journal and its
 * pushes are queued; until then whoever finds it (the webhook that staged it, or the sweep) applies it again, which
 * the journal's de-duplication makes harmless. Failures are {@link StoreUnavailableException}. Thread-safe.
 */
public interface PendingDeliveries {

    /** Stores {@code delivery} whole (replacing a staged delivery with the same id, which holds the same events). */
    void stage(StagedDelivery delivery);

    /** Forgets the delivery; nothing happens when it is not (or no longer) staged. */
    void complete(String deliveryId);

    /** Up to {@code limit} staged deliveries staged before {@code stagedBefore}, in no particular order. */
    List<StagedDelivery> stagedBefore(Instant stagedBefore, int limit);
}
