package io.gradientconnector.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated webhook delivery, held whole until every event of it is in the journal: writing it is the delivery's
 * commit point (docs/WEBHOOK.md). {@code id} is derived from the delivery's content (a SHA-256 in hex), so a
 * redelivery of the same body is the same staged delivery.
 */
public record StagedDelivery(String id, Instant stagedAt, List<VendorEvent> events) {
    private static final Pattern ID = Pattern.compile("^[0-9a-f]{64}$");

    public StagedDelivery {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 64 lowercase hex digits");
        }
        Objects.requireNonNull(stagedAt, "stagedAt");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must not be empty");
        }
    }
}
