package io.gradientconnector.app.events;

import java.util.List;

/**
 * What became of one webhook delivery. Only {@link Accepted} recorded anything, and it recorded all of it; every
 * other outcome recorded nothing (docs/WEBHOOK.md).
 */
public sealed interface DeliveryOutcome {

    /**
     * Every event is durably recorded. Of them, {@code accepted} were applied and new, {@code duplicates} were applied
     * and seen before (earlier, or earlier in this delivery), and {@code pending} are recorded but still to be applied
     * (after the deadline or a store failure; the sweep applies them and queues their pushes). The three add up to
     * the delivery's events.
     */
    record Accepted(int accepted, int duplicates, int pending) implements DeliveryOutcome {
        public Accepted {
            if (accepted < 0 || duplicates < 0 || pending < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
        }

        /** Every event applied. */
        public Accepted(int accepted, int duplicates) {
            this(accepted, duplicates, 0);
        }
    }

    /** The body exceeds {@code maxBytes}; nothing else was looked at. */
    record TooLarge(int maxBytes) implements DeliveryOutcome {
    }

    /** The signature did not verify; {@code header} names the offending header, {@code message} says why. */
    record BadSignature(String header, String message) implements DeliveryOutcome {
    }

    /** The body or some events are invalid, each problem listed (bounded); nothing was recorded. */
    record Invalid(List<FieldError> errors) implements DeliveryOutcome {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("errors must not be empty");
            }
        }
    }

    /** A secret or the store could not be used, or not in time; nothing was recorded: retry the whole delivery. */
    record Unavailable(String message) implements DeliveryOutcome {
    }
}
