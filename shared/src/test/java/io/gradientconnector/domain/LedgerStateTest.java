package io.gradientconnector.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerStateTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static LedgerChange set(String id, long at, long qty) {
        return LedgerChange.set(EventId.of(id), T0.plusSeconds(at), Quantity.of(qty));
    }

    private static LedgerChange add(String id, long at, long qty) {
        return LedgerChange.add(EventId.of(id), T0.plusSeconds(at), Quantity.of(qty));
    }

    private static LedgerChange sub(String id, long at, long qty) {
        return LedgerChange.subtract(EventId.of(id), T0.plusSeconds(at), Quantity.of(qty));
    }

    private static LedgerState applyAll(List<LedgerChange> changes, int maxDeltas) {
        LedgerState state = LedgerState.EMPTY;
        for (LedgerChange c : changes) {
            state = state.apply(c, maxDeltas).orElse(state);
        }
        return state;
    }

    private static Quantity inOrder(List<LedgerChange> changes) {
        List<LedgerChange> sorted = new ArrayList<>(changes);
        sorted.sort(LedgerChange.ORDER);
        Quantity count = Quantity.ZERO;
        for (LedgerChange c : sorted) {
            count = c.applyTo(count);
        }
        return count;
    }

    @Test
    void apply_shouldReplaceCount_whenSetIsNewest() {
        LedgerState state = applyAll(List.of(add("a", 1, 5), set("s", 2, 3), add("b", 3, 1)), 100);

        assertEquals(Quantity.of(4), state.count());
        assertEquals(List.of(add("b", 3, 1)), state.deltas());
    }

    @Test
    void apply_shouldChangeNothing_whenSetIsOlderThanLatestSet() {
        LedgerState state = applyAll(List.of(set("new", 10, 3)), 100);

        assertEquals(Optional.empty(), state.apply(set("old", 5, 9)));
        assertEquals(Optional.empty(), state.apply(set("new", 10, 3)), "the same set again");
    }

    @Test
    void apply_shouldBreakTimeTiesByEventId() {
        LedgerState state = applyAll(List.of(set("b", 10, 3)), 100);

        assertEquals(Optional.empty(), state.apply(set("a", 10, 9)), "same time, smaller id: older");
        assertEquals(Quantity.of(7), state.apply(set("c", 10, 7)).orElseThrow().count(), "larger id: newer");
    }

    @Test
    void apply_shouldChangeNothing_whenDeltaIsOlderThanSetOrAlreadyApplied() {
        LedgerState state = applyAll(List.of(set("s", 10, 3), add("d", 11, 1)), 100);

        assertEquals(Optional.empty(), state.apply(add("old", 9, 4)));
        assertEquals(Optional.empty(), state.apply(add("d", 11, 1)));
    }

    @Test
    void apply_shouldFloorAtZero_inEventOrderNotArrivalOrder() {
        // In order: +2, -5 (floors at 0), +4 = 4. Arriving +4 first must not let -5 eat it.
        LedgerState state = applyAll(List.of(add("c", 3, 4), sub("b", 2, 5), add("a", 1, 2)), 100);

        assertEquals(Quantity.of(4), state.count());
    }

    @Test
    void apply_shouldEqualInOrderApplication_forRandomShufflesWithDuplicates() {
        Random random = new Random(20250601);
        for (int run = 0; run < 500; run++) {
            List<LedgerChange> stream = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                String id = "e" + i;
                long at = random.nextInt(20);
                long qty = random.nextInt(8);
                stream.add(switch (random.nextInt(4)) {
                    case 0 -> set(id, at, qty);
                    case 1 -> sub(id, at, qty + 1);
                    default -> add(id, at, qty + 1);
                });
            }
            List<LedgerChange> deliveries = new ArrayList<>(stream);
            for (int d = 0; d < size / 3; d++) {
                deliveries.add(stream.get(random.nextInt(size)));
            }
            Collections.shuffle(deliveries, random);

            assertEquals(inOrder(stream), applyAll(deliveries, 100).count(), "run " + run);
        }
    }

    @Test
    void apply_shouldFoldOldestDeltasIntoOneFunction_whenPastTheBound() {
        List<LedgerChange> adds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            adds.add(add("a" + i, i, 1));
        }

        LedgerState state = applyAll(adds, 5);

        assertEquals(5, state.deltas().size());
        assertEquals(Quantity.of(2), state.base());
        assertEquals(new LedgerState.Position(T0, EventId.of("a0")), state.fold().from());
        assertEquals(new LedgerState.Position(T0.plusSeconds(1), EventId.of("a1")), state.fold().through());
        assertEquals(Quantity.of(7), state.count());
    }

    @Test
    void apply_shouldKeepFoldedDeltas_whenLateSetIsOlderThanThem() {
        // The reported case: +5 @2 is folded, then a set 10 @1 arrives. In order: 10 + 5 + 1 = 16.
        LedgerState state = applyAll(List.of(add("a", 2, 5), add("b", 3, 1)), 1);
        assertEquals(EventId.of("a"), state.fold().from().eventId());

        LedgerState after = state.apply(set("s", 1, 10), 1).orElseThrow();

        assertEquals(Quantity.of(16), after.count());
        assertEquals(inOrder(List.of(add("a", 2, 5), add("b", 3, 1), set("s", 1, 10))), after.count());
    }

    @Test
    void apply_shouldComposeLateDeltaBeforeTheFold_exactlyEvenWhenTheFloorClips() {
        // In order: set 0 @0, -3 @1 (floors at 0), +2 @2, -1 @3, +4 @4 = 5. The -3 arrives after +2 and -1 were folded.
        LedgerState state = applyAll(List.of(set("s", 0, 0), add("b", 2, 2), sub("c", 3, 1), add("d", 4, 4)), 1);

        LedgerState after = state.apply(sub("a", 1, 3), 1).orElseThrow();

        assertEquals(Quantity.of(5), after.count());
        assertEquals(Optional.empty(), after.apply(sub("a", 1, 3), 1), "the fold's first delta is remembered");
    }

    @Test
    void apply_shouldApplyLateDeltaInsideTheFoldAtItsEnd_andStayExactWithoutFloorClipping() {
        List<LedgerChange> changes = new ArrayList<>();
        for (int i = 10; i < 20; i++) {
            changes.add(add("a" + i, i, 2));
        }
        changes.add(sub("late", 11, 1)); // inside the fold (t10..t15), no floor reached in order
        changes.add(add("later", 12, 1));

        LedgerState state = applyAll(changes, 4);

        assertEquals(Quantity.of(20), inOrder(changes));
        assertEquals(Quantity.of(20), state.count());
        assertTrue(state.deltas().size() <= 4);
    }

    @Test
    void apply_shouldApplyLateSetInsideTheFoldAtItsEnd_losingOnlyFoldedDeltasAfterIt() {
        // set 10 @1, then +1 at 2..8 with bound 3: +1 @2..5 are folded. A late set 0 @3 lands inside the fold.
        List<LedgerChange> changes = new ArrayList<>(List.of(set("s", 1, 10)));
        for (int i = 2; i <= 8; i++) {
            changes.add(add("a" + i, i, 1));
        }
        LedgerState state = applyAll(changes, 3);
        assertTrue(state.isInsideFold(set("late", 3, 0)));

        LedgerState after = state.apply(set("late", 3, 0), 3).orElseThrow();

        // Exact would be 0 + (+1 @4..8) = 5; the fold ends @5, so the +1 @4 and @5 inside it are lost.
        assertEquals(Quantity.of(3), after.count());
        assertEquals(EventId.of("late"), after.lastSet().eventId());
        assertEquals(Optional.empty(), after.apply(add("older", 2, 1), 3), "deltas before the new set change nothing");
    }

    @Test
    void fold_shouldComposeLikeReplayingItsDeltas_includingTheCap() {
        Random random = new Random(7);
        for (int run = 0; run < 2000; run++) {
            List<LedgerChange> deltas = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(6); i++) {
                long qty = random.nextInt(4) == 0 ? 600_000_000_000L : random.nextInt(9);
                deltas.add(random.nextBoolean() ? add("d" + i, i, qty) : sub("d" + i, i, qty));
            }
            LedgerState.Fold fold = LedgerState.Fold.of(deltas.get(0));
            for (LedgerChange d : deltas.subList(1, deltas.size())) {
                fold = fold.then(LedgerState.Fold.of(d), fold.from(), new LedgerState.Position(d.occurredAt(), d.eventId()));
            }
            for (long start : new long[] {0, 1, 5, 999_999_999_999L, 1_000_000_000_000L}) {
                Quantity replayed = Quantity.of(start);
                for (LedgerChange d : deltas) {
                    replayed = d.applyTo(replayed);
                }
                assertEquals(replayed, fold.apply(Quantity.of(start)), "run " + run + " from " + start);
            }
        }
    }

    /**
     * The property of docs/GUARANTEES.md item 9: random set/add/subtract streams (colliding times,
     * redeliveries, long enough to fold), delivered in random orders through a journal's
     * de-duplication, end on the in-order count unless some event arrives after more than the bound
     * of already-recorded deltas that happened after it (and after the latest recorded set) and after
     * at least one such delta that happened before it. The condition is checked here from the
     * deliveries alone, independently of {@link LedgerState}.
     */
    @Test
    void apply_shouldEqualInOrderApplication_forRandomInterleavingsWithinTheBound() {
        long seed = Long.getLong("ledger.seed", 20250601L);
        Random seeds = new Random(seed);
        int withinBound = 0;
        int folded = 0;
        for (int run = 0; run < 3000; run++) {
            long runSeed = seeds.nextLong();
            Random random = new Random(runSeed);
            int maxDeltas = random.nextInt(5) == 0 ? LedgerState.MAX_DELTAS : 1 + random.nextInt(8);
            List<LedgerChange> stream = randomStream(random, maxDeltas == LedgerState.MAX_DELTAS ? 250 : 60);
            List<LedgerChange> deliveries = arrivalOrder(random, stream, maxDeltas);

            Set<EventId> recorded = new HashSet<>();
            List<LedgerChange> delivered = new ArrayList<>();
            boolean inBound = true;
            LedgerState state = LedgerState.EMPTY;
            for (LedgerChange change : deliveries) {
                if (!recorded.add(change.eventId())) {
                    continue; // the journal's de-duplication row
                }
                inBound &= overtakenBy(change, delivered) <= maxDeltas || precededBy(change, delivered) == 0;
                delivered.add(change);
                state = state.apply(change, maxDeltas).orElse(state);
                if (state.fold() != null) {
                    folded++;
                }
            }
            if (inBound) {
                withinBound++;
                assertEquals(inOrder(stream), state.count(),
                        "run " + run + " (replay with -Dledger.seed=" + seed + "), run seed " + runSeed);
            }
        }
        assertTrue(withinBound > 1500, "too few runs within the bound: " + withinBound);
        assertTrue(folded > 10_000, "too few folded states: " + folded);
    }

    @Test
    void apply_shouldIgnoreRedeliveries_withoutAJournal_whileNothingIsFolded() {
        long seed = Long.getLong("ledger.seed", 20250602L);
        Random random = new Random(seed);
        for (int run = 0; run < 1000; run++) {
            List<LedgerChange> stream = randomStream(random, 60);
            List<LedgerChange> deliveries = new ArrayList<>(stream);
            for (int d = 0; d < stream.size() / 2; d++) {
                deliveries.add(stream.get(random.nextInt(stream.size())));
            }
            Collections.shuffle(deliveries, random);

            assertEquals(inOrder(stream), applyAll(deliveries, LedgerState.MAX_DELTAS).count(),
                    "run " + run + " (seed " + seed + ")");
        }
    }

    /** Distinct events; few distinct times so ties are common; sizes past small bounds. */
    private static List<LedgerChange> randomStream(Random random, int maxSize) {
        List<LedgerChange> stream = new ArrayList<>();
        int size = 1 + random.nextInt(maxSize);
        int times = 1 + random.nextInt(Math.max(1, size));
        for (int i = 0; i < size; i++) {
            String id = "e" + random.nextInt(1000) + "-" + i;
            long at = random.nextInt(times);
            long qty = random.nextInt(8);
            stream.add(switch (random.nextInt(5)) {
                case 0 -> set(id, at, qty);
                case 1, 2 -> sub(id, at, qty + 1);
                default -> add(id, at, qty + 1);
            });
        }
        return stream;
    }

    /**
     * In order, reversed, fully shuffled, or each event late by a random number of places (around
     * the bound, so both sides of it are exercised); then a third of the events delivered again.
     */
    private static List<LedgerChange> arrivalOrder(Random random, List<LedgerChange> stream, int maxDeltas) {
        List<LedgerChange> sorted = new ArrayList<>(stream);
        sorted.sort(LedgerChange.ORDER);
        List<LedgerChange> order;
        switch (random.nextInt(4)) {
            case 0 -> {
                order = new ArrayList<>(sorted);
                Collections.reverse(order);
            }
            case 1 -> {
                order = new ArrayList<>(sorted);
                Collections.shuffle(order, random);
            }
            default -> {
                int lateness = random.nextInt(2 * maxDeltas + 2);
                List<double[]> keys = new ArrayList<>();
                for (int i = 0; i < sorted.size(); i++) {
                    keys.add(new double[] {i + random.nextDouble() * lateness, i});
                }
                keys.sort((a, b) -> Double.compare(a[0], b[0]));
                order = new ArrayList<>();
                for (double[] key : keys) {
                    order.add(sorted.get((int) key[1]));
                }
            }
        }
        List<LedgerChange> deliveries = new ArrayList<>(order);
        for (int d = 0; d < stream.size() / 3; d++) {
            deliveries.add(random.nextInt(deliveries.size() + 1), stream.get(random.nextInt(stream.size())));
        }
        return deliveries;
    }

    /** How many recorded deltas happened after {@code change} and after the latest recorded set. */
    private static int overtakenBy(LedgerChange change, List<LedgerChange> delivered) {
        return (int) deltasAfterLatestSet(delivered).filter(c -> LedgerChange.ORDER.compare(c, change) > 0).count();
    }

    /** How many recorded deltas happened before {@code change} but after the latest recorded set. */
    private static int precededBy(LedgerChange change, List<LedgerChange> delivered) {
        return (int) deltasAfterLatestSet(delivered).filter(c -> LedgerChange.ORDER.compare(c, change) < 0).count();
    }

    private static java.util.stream.Stream<LedgerChange> deltasAfterLatestSet(List<LedgerChange> delivered) {
        LedgerChange latestSet = delivered.stream()
                .filter(c -> c.op() == LedgerChange.Op.SET)
                .max(LedgerChange.ORDER)
                .orElse(null);
        return delivered.stream()
                .filter(c -> c.op() != LedgerChange.Op.SET)
                .filter(c -> latestSet == null || LedgerChange.ORDER.compare(c, latestSet) > 0);
    }

    @Test
    void constructor_shouldReject_whenDeltasUnsorted() {
        assertThrows(IllegalArgumentException.class,
                () -> new LedgerState(null, null, List.of(add("b", 2, 1), add("a", 1, 1))));
    }
}
