package io.gradientconnector.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order-independent state of one usage ledger row, and the pure rule that applies a change to
 * it. Immutable; thread-safe.
 *
 * <p><b>The count.</b> The count is what applying every accepted change in order (occurredAt, then
 * event id) gives, a subtract flooring at zero. Changes arrive in any order, so the state keeps:
 * <ul>
 *   <li>{@code lastSet}: the latest {@code set} seen (its position and quantity), or none;</li>
 *   <li>{@code deltas}: the adds and subtracts after the start point, sorted;</li>
 *   <li>{@code base}: the count at the start point (the set's quantity, 0 without a set, or the
 *       folded value below);</li>
 *   <li>{@code foldedThrough}: the position of the newest delta folded into {@code base}, or none.</li>
 * </ul>
 * and the count is {@code base} with {@code deltas} replayed in order.
 *
 * <p><b>Applying a change</b> ({@link #apply}):
 * <ol>
 *   <li>A change at or before {@code lastSet}'s position changes nothing: a set is superseded by the
 *       later set, a delta is already inside it.</li>
 *   <li>A delta whose event id is already in {@code deltas} changes nothing (replays are harmless).</li>
 *   <li>A set after {@code lastSet} becomes {@code lastSet}; deltas before it are dropped (they are
 *       inside it) and the count is replayed from its quantity. If it lies at or before
 *       {@code foldedThrough}, the folded deltas between it and the fold point can no longer be
 *       separated, so it is applied at the fold point: {@code base} becomes its quantity.</li>
 *   <li>A delta after {@code lastSet} is inserted in order; if it lies at or before
 *       {@code foldedThrough} it is applied to {@code base} instead (adds and subtracts commute, so
 *       this is exact unless the zero floor clipped in between).</li>
 *   <li>Bound: when more than {@code maxDeltas} deltas remain, the oldest are folded into
 *       {@code base} (replayed onto it, in order) until {@code maxDeltas} remain, and
 *       {@code foldedThrough} moves to the newest folded one.</li>
 * </ol>
 * With fewer than {@code maxDeltas} deltas since the latest set the result is exactly the in-order
 * application, whatever the arrival order; past the bound only the rare late events that reach
 * behind the fold point are approximated as described.
 */
public record LedgerState(LedgerChange lastSet, Quantity base, Position foldedThrough, List<LedgerChange> deltas) {

    /** The bound the ledger uses: keeps a row's item well under DynamoDB's 400 KB. */
    public static final int MAX_DELTAS = 100;

    public static final LedgerState EMPTY = new LedgerState(null, Quantity.ZERO, null, List.of());

    /** A point in the total order of changes. */
    public record Position(Instant at, EventId eventId) {
        public Position {
            Objects.requireNonNull(at, "at is required");
            Objects.requireNonNull(eventId, "eventId is required");
        }

        static Position of(LedgerChange change) {
            return new Position(change.occurredAt(), change.eventId());
        }
    }

    /** {@code lastSet} and {@code foldedThrough} may be null (none). */
    public LedgerState {
        Objects.requireNonNull(base, "base is required");
        deltas = List.copyOf(Objects.requireNonNull(deltas, "deltas is required"));
        if (lastSet != null && lastSet.op() != LedgerChange.Op.SET) {
            throw new IllegalArgumentException("lastSet must be a set");
        }
        for (int i = 0; i < deltas.size(); i++) {
            LedgerChange delta = deltas.get(i);
            if (delta.op() == LedgerChange.Op.SET) {
                throw new IllegalArgumentException("deltas must not contain a set");
            }
            if (i > 0 && LedgerChange.ORDER.compare(deltas.get(i - 1), delta) >= 0) {
                throw new IllegalArgumentException("deltas must be sorted and distinct");
            }
        }
    }

    /** The current count: {@code base} with every delta replayed in order. */
    public Quantity count() {
        Quantity count = base;
        for (LedgerChange delta : deltas) {
            count = delta.applyTo(count);
        }
        return count;
    }

    public Optional<LedgerChange> optionalLastSet() {
        return Optional.ofNullable(lastSet);
    }

    public Optional<Position> optionalFoldedThrough() {
        return Optional.ofNullable(foldedThrough);
    }

    /** {@link #apply(LedgerChange, int)} with {@link #MAX_DELTAS}. */
    public Optional<LedgerState> apply(LedgerChange change) {
        return apply(change, MAX_DELTAS);
    }

    /**
     * The state with {@code change} applied, or empty when it changes nothing (see the class
     * comment for the rules).
     */
    public Optional<LedgerState> apply(LedgerChange change, int maxDeltas) {
        Objects.requireNonNull(change, "change is required");
        if (maxDeltas < 1) {
            throw new IllegalArgumentException("maxDeltas must be at least 1");
        }
        if (lastSet != null && !change.isAfter(lastSet.occurredAt(), lastSet.eventId())) {
            return Optional.empty();
        }
        boolean behindFold = foldedThrough != null && !change.isAfter(foldedThrough.at(), foldedThrough.eventId());
        if (change.op() == LedgerChange.Op.SET) {
            if (behindFold) {
                return Optional.of(new LedgerState(change, change.quantity(), foldedThrough, deltas));
            }
            List<LedgerChange> after = deltas.stream()
                    .filter(d -> d.isAfter(change.occurredAt(), change.eventId()))
                    .toList();
            return Optional.of(new LedgerState(change, change.quantity(), null, after));
        }
        if (deltas.stream().anyMatch(d -> d.eventId().equals(change.eventId()))) {
            return Optional.empty();
        }
        if (behindFold) {
            return Optional.of(new LedgerState(lastSet, change.applyTo(base), foldedThrough, deltas));
        }
        List<LedgerChange> merged = new ArrayList<>(deltas.size() + 1);
        merged.addAll(deltas);
        int at = 0;
        while (at < merged.size() && LedgerChange.ORDER.compare(merged.get(at), change) < 0) {
            at++;
        }
        merged.add(at, change);
        return Optional.of(fold(lastSet, base, foldedThrough, merged, maxDeltas));
    }

    private static LedgerState fold(LedgerChange lastSet, Quantity base, Position foldedThrough,
                                    List<LedgerChange> deltas, int maxDeltas) {
        int excess = deltas.size() - maxDeltas;
        if (excess <= 0) {
            return new LedgerState(lastSet, base, foldedThrough, deltas);
        }
        Quantity folded = base;
        for (int i = 0; i < excess; i++) {
            folded = deltas.get(i).applyTo(folded);
        }
        Position through = Position.of(deltas.get(excess - 1));
        return new LedgerState(lastSet, folded, through, deltas.subList(excess, deltas.size()));
    }
}
