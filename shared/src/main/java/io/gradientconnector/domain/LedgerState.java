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
 * <p><b>The folded deltas.</b> A fold is a summary: it is all the common path needs. The deltas it
 * folded are kept apart by the store (the row's overflow), appended as {@link Step#folded()} says,
 * and read only for a change that lands <em>inside</em> the fold ({@link #needsFoldedDeltas}),
 * where the summary alone cannot place it. With them the fold is recomposed exactly, so every
 * interleaving gives the in-order count. A fold stored before its deltas were kept
 * ({@link Fold#deltasKept()} false) can only place such a change approximately, at its end; it
 * stays so until a set after it drops it.
 *
 * <p><b>Applying a change</b> ({@link #step}):
 * <ol>
 *   <li>A change at or before {@code lastSet} changes nothing: a set is superseded by the later
 *       set, a delta is already inside it.</li>
 *   <li>A delta whose event id is already kept (in {@code deltas}, the fold's first or last, or the
 *       folded deltas when they are read) changes nothing.</li>
 *   <li>A set after {@code lastSet} becomes {@code lastSet}; the deltas (and the fold) before it
 *       are dropped, those after it kept. A set before the fold keeps the fold; a set inside it
 *       keeps the folded deltas after it, recomposed.</li>
 *   <li>A delta after the fold is inserted in order; a delta before the fold is composed into the
 *       fold's start; a delta inside the fold is recomposed with the folded deltas in order. Each
 *       is exact, and the last two add the delta to the folded deltas.</li>
 *   <li>Bound: when more than {@code maxDeltas} deltas remain, the oldest are composed into the
 *       fold's end (and added to the folded deltas) until {@code maxDeltas} remain.</li>
 * </ol>
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
     *
     * @param deltasKept true when every folded delta is kept apart (the store's overflow), so a
     *                   change inside the fold can be placed exactly; false only for a fold stored
     *                   before they were kept (and any fold extending it)
     */
    public record Fold(Position from, Position through, Quantity low, Quantity high, BigDecimal shift,
                       boolean deltasKept) {
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

        /** One delta as a fold (kept). */
        public static Fold of(LedgerChange delta) {
            BigDecimal q = delta.quantity().value();
            return new Fold(Position.of(delta), Position.of(delta), Quantity.ZERO, new Quantity(Quantity.MAX),
                    delta.op() == LedgerChange.Op.SUBTRACT ? q.negate() : q, true);
        }

        /** Sorted, distinct deltas composed into one fold, or null when there are none. */
        static Fold ofAll(List<LedgerChange> sortedDeltas) {
            Fold fold = null;
            for (LedgerChange delta : sortedDeltas) {
                Fold one = of(delta);
                fold = fold == null ? one : fold.then(one, fold.from(), one.through());
            }
            return fold;
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
            return new Fold(newFrom, newThrough, lo, hi, sum, deltasKept && next.deltasKept);
        }

        boolean contains(Position p) {
            return p.compareTo(from) > 0 && p.compareTo(through) < 0;
        }

        boolean covers(Position p) {
            return p.compareTo(from) >= 0 && p.compareTo(through) <= 0;
        }
    }

    /**
     * What applying one change does: the next state, and the deltas it newly folded, which the
     * store adds to the fold's kept deltas. When the next state's fold does not continue this
     * state's kept fold ({@link #continuesFoldOf}), the kept deltas start over from {@code folded}.
     */
    public record Step(LedgerState state, List<LedgerChange> folded) {
        public Step {
            Objects.requireNonNull(state, "state is required");
            folded = List.copyOf(Objects.requireNonNull(folded, "folded is required"));
        }

        /**
         * True when the folded deltas already kept for {@code before} still serve the next state: both
         * folds keep their deltas and the next one came from the earlier one (not from nothing after a
         * set dropped it). Otherwise the kept deltas no longer matter and start over.
         */
        public boolean continuesFoldOf(LedgerState before) {
            return before.fold != null && before.fold.deltasKept()
                    && state.fold != null && state.fold.deltasKept();
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
     * The state with {@code change} applied, or empty when it changes nothing, for a change that
     * does not need the folded deltas ({@link #needsFoldedDeltas}); otherwise use {@link #step}.
     *
     * @throws IllegalStateException when the change lies inside a fold whose deltas are kept
     */
    public Optional<LedgerState> apply(LedgerChange change, int maxDeltas) {
        if (needsFoldedDeltas(change)) {
            throw new IllegalStateException("the change lies inside the fold: apply it with the folded deltas");
        }
        return step(change, maxDeltas, List.of()).map(Step::state);
    }

    /**
     * True when {@code change} lies inside a fold whose deltas are kept, so placing it exactly needs
     * them ({@link #step}); rare: it arrives after more than the bound of deltas that happened after
     * it, and after one that happened before it.
     */
    public boolean needsFoldedDeltas(LedgerChange change) {
        return fold != null && fold.deltasKept() && isInsideFold(change);
    }

    /**
     * Applies {@code change} (see the class comment), or returns empty when it changes nothing.
     *
     * @param folded the fold's kept deltas, in any order, read by the store when
     *               {@link #needsFoldedDeltas} says so (otherwise not looked at, pass an empty
     *               list); entries outside the fold (left behind by a set inside it) are ignored
     */
    public Optional<Step> step(LedgerChange change, int maxDeltas, List<LedgerChange> folded) {
        Objects.requireNonNull(change, "change is required");
        Objects.requireNonNull(folded, "folded is required");
        if (maxDeltas < 1) {
            throw new IllegalArgumentException("maxDeltas must be at least 1");
        }
        if (lastSet != null && !change.isAfter(lastSet.occurredAt(), lastSet.eventId())) {
            return Optional.empty();
        }
        if (needsFoldedDeltas(change)) {
            return insideKeptFold(change, folded);
        }
        Position at = Position.of(change);
        if (change.op() == LedgerChange.Op.SET) {
            if (fold != null && at.compareTo(fold.from()) < 0) {
                return unfolded(new LedgerState(change, fold, deltas));
            }
            // After the fold: exact. Inside a fold without kept deltas: applied at its end, the fold dropped.
            List<LedgerChange> after = deltas.stream()
                    .filter(d -> d.isAfter(change.occurredAt(), change.eventId()))
                    .toList();
            return unfolded(new LedgerState(change, null, after));
        }
        if (isKept(change)) {
            return Optional.empty();
        }
        if (fold != null && at.compareTo(fold.from()) < 0) {
            LedgerState next = new LedgerState(lastSet, Fold.of(change).then(fold, at, fold.through()), deltas);
            return Optional.of(new Step(next, fold.deltasKept() ? List.of(change) : List.of()));
        }
        if (fold != null && at.compareTo(fold.through()) < 0) {
            // Inside a fold without kept deltas: composed at its end (exact unless the floor or cap clipped between).
            return unfolded(new LedgerState(lastSet, fold.then(Fold.of(change), fold.from(), fold.through()), deltas));
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

    /** A change inside a kept fold, recomposed exactly from the folded deltas. */
    private Optional<Step> insideKeptFold(LedgerChange change, List<LedgerChange> folded) {
        List<LedgerChange> kept = folded.stream()
                .filter(d -> d.op() != LedgerChange.Op.SET && fold.covers(Position.of(d)))
                .sorted(LedgerChange.ORDER)
                .distinct()
                .toList();
        if (change.op() == LedgerChange.Op.SET) {
            // The folded deltas before the set no longer matter; those after it are the new fold.
            List<LedgerChange> after = kept.stream()
                    .filter(d -> d.isAfter(change.occurredAt(), change.eventId()))
                    .toList();
            return unfolded(new LedgerState(change, Fold.ofAll(after), deltas));
        }
        if (kept.stream().anyMatch(d -> d.eventId().equals(change.eventId()))) {
            return Optional.empty();
        }
        List<LedgerChange> merged = new ArrayList<>(kept.size() + 1);
        merged.addAll(kept);
        merged.add(change);
        merged.sort(LedgerChange.ORDER);
        return Optional.of(new Step(new LedgerState(lastSet, Fold.ofAll(merged), deltas), List.of(change)));
    }

    private static Optional<Step> unfolded(LedgerState next) {
        return Optional.of(new Step(next, List.of()));
    }

    /** True when the change lands strictly inside the fold (after {@code lastSet}). */
    public boolean isInsideFold(LedgerChange change) {
        return fold != null && fold.contains(Position.of(change))
                && (lastSet == null || change.isAfter(lastSet.occurredAt(), lastSet.eventId()));
    }

    private boolean isKept(LedgerChange delta) {
        EventId id = delta.eventId();
        return deltas.stream().anyMatch(d -> d.eventId().equals(id))
                || (fold != null && (fold.from().eventId().equals(id) || fold.through().eventId().equals(id)));
    }

    private static Step bounded(LedgerChange lastSet, Fold fold, List<LedgerChange> deltas, int maxDeltas) {
        int excess = deltas.size() - maxDeltas;
        if (excess <= 0) {
            return new Step(new LedgerState(lastSet, fold, deltas), List.of());
        }
        Fold folded = fold;
        for (int i = 0; i < excess; i++) {
            Fold one = Fold.of(deltas.get(i));
            folded = folded == null ? one : folded.then(one, folded.from(), one.through());
        }
        List<LedgerChange> newlyFolded = folded.deltasKept() ? deltas.subList(0, excess) : List.of();
        return new Step(new LedgerState(lastSet, folded, deltas.subList(excess, deltas.size())), newlyFolded);
    }
}
