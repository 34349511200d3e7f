package io.gradientconnector.domain;

import java.math.BigDecimal;
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
 * event id) gives: a set replaces, an add adds (capped at {@link Quantity#MAX}), a subtract
 * subtracts flooring at zero. Changes arrive in any order, so the state keeps:
 * <ul>
 *   <li>{@code lastSet}: the latest {@code set} seen (its position and quantity), or none; every
 *       change before it is irrelevant to the count;</li>
 *   <li>{@code fold}: the oldest adds and subtracts after {@code lastSet}, folded into one exact
 *       function ({@link Fold}) once there were too many to keep one by one, or none;</li>
 *   <li>{@code deltas}: the adds and subtracts after the fold (or after {@code lastSet}), sorted.</li>
 * </ul>
 * The count is the set's quantity (0 without a set), through the fold, then through every delta.
 *
 * <p><b>Applying a change</b> ({@link #apply}):
 * <ol>
 *   <li>A change at or before {@code lastSet} changes nothing: a set is superseded by the later
 *       set, a delta is already inside it.</li>
 *   <li>A delta whose event id is already kept (in {@code deltas}, or the fold's first or last)
 *       changes nothing.</li>
 *   <li>A set after {@code lastSet} becomes {@code lastSet}; the deltas (and the fold) before it
 *       are dropped, those after it kept. A set before the fold keeps the fold: exact.</li>
 *   <li>A delta after the fold is inserted in order; a delta before the fold is composed into the
 *       fold's start: both exact.</li>
 *   <li>Bound: when more than {@code maxDeltas} deltas remain, the oldest are composed into the
 *       fold's end until {@code maxDeltas} remain.</li>
 * </ol>
 * The only inexact case is a change that lands <em>inside</em> the fold (after its first folded
 * delta, before its last), whose folded neighbours are no longer separable. It is applied at the
 * fold's end: a delta is composed after the fold (exact unless the floor or cap clipped in
 * between), a set becomes {@code lastSet} with the fold dropped (the folded deltas after it are
 * lost). That needs the change to arrive after more than {@code maxDeltas} adds and subtracts of
 * the row that happened after it (and after the row's latest set) were already recorded; any
 * interleaving without such an event gives exactly the in-order count.
 */
public record LedgerState(LedgerChange lastSet, Fold fold, List<LedgerChange> deltas) {

    /** The bound the ledger uses: keeps a row's item well under DynamoDB's 400 KB. */
    public static final int MAX_DELTAS = 100;

    public static final LedgerState EMPTY = new LedgerState(null, null, List.of());

    /** A point in the total order of changes. */
    public record Position(Instant at, EventId eventId) implements Comparable<Position> {
        public Position {
            Objects.requireNonNull(at, "at is required");
            Objects.requireNonNull(eventId, "eventId is required");
        }

        static Position of(LedgerChange change) {
            return new Position(change.occurredAt(), change.eventId());
        }

        @Override
        public int compareTo(Position other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : eventId.compareTo(other.eventId);
        }
    }

    /**
     * Consecutive adds and subtracts from {@code from} through {@code through}, composed into the
     * one function they are: {@code x -> min(high, max(low, x + shift))}. Each add or subtract is
     * that function with {@code low} 0, {@code high} {@link Quantity#MAX} and {@code shift} ±its
     * quantity, and such functions compose exactly, so a fold loses the deltas' separate positions
     * but not their effect on any starting count.
     */
    public record Fold(Position from, Position through, Quantity low, Quantity high, BigDecimal shift) {
        public Fold {
            Objects.requireNonNull(from, "from is required");
            Objects.requireNonNull(through, "through is required");
            Objects.requireNonNull(low, "low is required");
            Objects.requireNonNull(high, "high is required");
            Objects.requireNonNull(shift, "shift is required");
            if (from.compareTo(through) > 0) {
                throw new IllegalArgumentException("a fold must start at or before its end");
            }
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("a fold's low must not exceed its high");
            }
        }

        /** One delta as a fold. */
        public static Fold of(LedgerChange delta) {
            BigDecimal q = delta.quantity().value();
            return new Fold(Position.of(delta), Position.of(delta), Quantity.ZERO, new Quantity(Quantity.MAX),
                    delta.op() == LedgerChange.Op.SUBTRACT ? q.negate() : q);
        }

        public Quantity apply(Quantity start) {
            BigDecimal moved = start.value().add(shift);
            return new Quantity(moved.max(low.value()).min(high.value()));
        }

        /** This fold followed by {@code next} (which must come after it). */
        Fold then(Fold next, Position newFrom, Position newThrough) {
            Quantity lo = next.apply(low);
            Quantity hi = next.apply(high);
            BigDecimal sum = shift.add(next.shift);
            // Over counts 0..MAX a shift past either end makes the function constant: store it as one,
            // so the stored numbers stay short however many deltas are folded.
            if (sum.compareTo(hi.value()) >= 0) {
                lo = hi;
            } else if (sum.add(Quantity.MAX).compareTo(lo.value()) <= 0) {
                hi = lo;
            }
            if (lo.equals(hi)) {
                sum = BigDecimal.ZERO;
            }
            return new Fold(newFrom, newThrough, lo, hi, sum);
        }

        boolean contains(Position p) {
            return p.compareTo(from) > 0 && p.compareTo(through) < 0;
        }
    }

    /** {@code lastSet} and {@code fold} may be null (none). */
    public LedgerState {
        deltas = List.copyOf(Objects.requireNonNull(deltas, "deltas is required"));
        if (lastSet != null && lastSet.op() != LedgerChange.Op.SET) {
            throw new IllegalArgumentException("lastSet must be a set");
        }
        if (lastSet != null && fold != null && fold.from().compareTo(Position.of(lastSet)) <= 0) {
            throw new IllegalArgumentException("the fold must lie after lastSet");
        }
        for (int i = 0; i < deltas.size(); i++) {
            LedgerChange delta = deltas.get(i);
            if (delta.op() == LedgerChange.Op.SET) {
                throw new IllegalArgumentException("deltas must not contain a set");
            }
            if (i > 0 && LedgerChange.ORDER.compare(deltas.get(i - 1), delta) >= 0) {
                throw new IllegalArgumentException("deltas must be sorted and distinct");
            }
            if (i == 0 && fold != null && Position.of(delta).compareTo(fold.through()) <= 0) {
                throw new IllegalArgumentException("deltas must lie after the fold");
            }
        }
    }

    /** The count before the fold and the deltas: the latest set's quantity, or 0. */
    public Quantity start() {
        return lastSet == null ? Quantity.ZERO : lastSet.quantity();
    }

    /** The count at the start of {@code deltas}: {@link #start()} through the fold. */
    public Quantity base() {
        return fold == null ? start() : fold.apply(start());
    }

    /** The current count: {@link #base()} with every delta replayed in order. */
    public Quantity count() {
        Quantity count = base();
        for (LedgerChange delta : deltas) {
            count = delta.applyTo(count);
        }
        return count;
    }

    public Optional<LedgerChange> optionalLastSet() {
        return Optional.ofNullable(lastSet);
    }

    public Optional<Fold> optionalFold() {
        return Optional.ofNullable(fold);
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
        Position at = Position.of(change);
        if (change.op() == LedgerChange.Op.SET) {
            if (fold != null && at.compareTo(fold.from()) < 0) {
                return Optional.of(new LedgerState(change, fold, deltas));
            }
            // After the fold: exact. Inside it: applied at its end, the fold dropped (the documented bound).
            List<LedgerChange> after = deltas.stream()
                    .filter(d -> d.isAfter(change.occurredAt(), change.eventId()))
                    .toList();
            return Optional.of(new LedgerState(change, null, after));
        }
        if (isKept(change)) {
            return Optional.empty();
        }
        if (fold != null && at.compareTo(fold.from()) < 0) {
            return Optional.of(new LedgerState(lastSet, Fold.of(change).then(fold, at, fold.through()), deltas));
        }
        if (fold != null && at.compareTo(fold.through()) < 0) {
            return Optional.of(new LedgerState(lastSet, fold.then(Fold.of(change), fold.from(), fold.through()),
                    deltas));
        }
        List<LedgerChange> merged = new ArrayList<>(deltas.size() + 1);
        merged.addAll(deltas);
        int index = 0;
        while (index < merged.size() && LedgerChange.ORDER.compare(merged.get(index), change) < 0) {
            index++;
        }
        merged.add(index, change);
        return Optional.of(bounded(lastSet, fold, merged, maxDeltas));
    }

    /** True when the change lands strictly inside the fold, where it can only be approximated. */
    public boolean isInsideFold(LedgerChange change) {
        return fold != null && fold.contains(Position.of(change))
                && (lastSet == null || change.isAfter(lastSet.occurredAt(), lastSet.eventId()));
    }

    private boolean isKept(LedgerChange delta) {
        EventId id = delta.eventId();
        return deltas.stream().anyMatch(d -> d.eventId().equals(id))
                || (fold != null && (fold.from().eventId().equals(id) || fold.through().eventId().equals(id)));
    }

    private static LedgerState bounded(LedgerChange lastSet, Fold fold, List<LedgerChange> deltas, int maxDeltas) {
        int excess = deltas.size() - maxDeltas;
        if (excess <= 0) {
            return new LedgerState(lastSet, fold, deltas);
        }
        Fold folded = fold;
        for (int i = 0; i < excess; i++) {
            Fold one = Fold.of(deltas.get(i));
            folded = folded == null ? one : folded.then(one, folded.from(), one.through());
        }
        return new LedgerState(lastSet, folded, deltas.subList(excess, deltas.size()));
    }
}
