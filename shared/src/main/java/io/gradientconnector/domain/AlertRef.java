package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Names one recorded alert: its partner, the vendor's alert id (the {@code alert.raised} event id, sent to Gradient
 * as {@code alertId}) and the event's {@code occurredAt}, by which alerts are listed newest first. The alert queue's
 * message.
 */
public record AlertRef(PartnerId partnerId, EventId alertId, Instant occurredAt) {
    public AlertRef {
        Objects.requireNonNull(partnerId, "partnerId is required");
        Objects.requireNonNull(alertId, "alertId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
    }
}
