package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One change to a usage ledger row: the usage event reduced to what the count needs. Ordered by
 * {@code occurredAt}, ties broken by event id, so every replica of the ledger agrees on one order.
 */
public record LedgerChange(EventId eventId, Instant occurredAt, Op op, Quantity quantity) {

    public enum Op { SET, ADD, SUBTRACT }

    /** The total order of changes: time, then event id. */
    public static final Comparator<LedgerChange> ORDER =
            Comparator.comparing(LedgerChange::occurredAt).thenComparing(LedgerChange::eventId);

    public LedgerChange {
        Objects.requireNonNull(eventId, "eventId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(op, "op is required");
        Objects.requireNonNull(quantity, "quantity is required");
    }

    public static LedgerChange set(EventId id, Instant at, Quantity quantity) {
        return new LedgerChange(id, at, Op.SET, quantity);
    }

    public static LedgerChange add(EventId id, Instant at, Quantity quantity) {
        return new LedgerChange(id, at, Op.ADD, quantity);
    }

    public static LedgerChange subtract(EventId id, Instant at, Quantity quantity) {
        return new LedgerChange(id, at, Op.SUBTRACT, quantity);
    }

    /** True when this change comes strictly after the given position in the total order. */
    public boolean isAfter(Instant at, EventId id) {
        int byTime = occurredAt.compareTo(at);
        return byTime > 0 || (byTime == 0 && eventId.compareTo(id) > 0);
    }

    /** {@code current} with this change applied: set replaces, add adds, subtract floors at zero. */
    public Quantity applyTo(Quantity current) {
        return switch (op) {
            case SET -> quantity;
            case ADD -> current.plus(quantity);
            case SUBTRACT -> current.minusFloored(quantity);
        };
    }
}
