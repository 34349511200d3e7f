package io.gradientconnector.app.events;

import java.util.List;

/**
 * What became of one webhook delivery. Only {@link Accepted} recorded anything; {@link Unavailable} may have
 * recorded part of it, which a retried delivery completes (recording is idempotent).
 */
public sealed interface DeliveryOutcome {

    /** Every event is durable and its pushes queued: {@code accepted} new events, {@code duplicates} seen before. */
    record Accepted(int accepted, int duplicates) implements DeliveryOutcome {
        public Accepted {
            if (accepted < 0 || duplicates < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
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

    /** A secret, store or queue could not be used; the sender should retry the whole delivery. */
    record Unavailable(String message) implements DeliveryOutcome {
    }
}
