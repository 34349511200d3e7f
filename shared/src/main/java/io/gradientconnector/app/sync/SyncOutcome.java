package io.gradientconnector.app.sync;

import java.util.Objects;

/**
 * How one partner's account sync ended. Only {@link Failed} asks for the sync to be tried again
 * (the worker reports the message as a batch item failure, so SQS redelivers it and finally moves
 * it to the dead-letter queue); the others are finished. No reason ever contains a key.
 */
public sealed interface SyncOutcome
        permits SyncOutcome.Synced, SyncOutcome.Skipped, SyncOutcome.NeedsKey, SyncOutcome.Failed {

    /** Everything was brought in step with Gradient. */
    record Synced(SyncReport report) implements SyncOutcome {
        public Synced {
            Objects.requireNonNull(report, "report");
        }
    }

    /** Nothing to do: the partner is unknown, disconnected, waiting for a new key, or has no key stored. */
    record Skipped(String reason) implements SyncOutcome {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Gradient rejected the partner's key (401): the partner is marked NEEDS_KEY (unless the key was
     * replaced meanwhile, {@code marked} false) and its syncs and pushes stop until a new key arrives.
     */
    record NeedsKey(boolean marked) implements SyncOutcome {
    }

    /**
     * The sync did not finish. {@code retryable} says whether repeating it may succeed (429, 5xx,
     * connection failures, the deadline) or needs a person (400, 403, a malformed stored key).
     */
    record Failed(String reason, boolean retryable) implements SyncOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
