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
        StoredRow row = new StoredRow(maxDeltas);
        changes.forEach(row::record);
        return row.state;
    }

    /**
     * A row as the journals store it: the state, and the fold's deltas kept apart (appended as each
     * step says, started over when a step's fold does not continue the kept one), read only when the
     * state says it needs them.
     */
    private static final class StoredRow {
        final int maxDeltas;
        LedgerState state = LedgerState.EMPTY;
        List<LedgerChange> folded = new ArrayList<>();
        int foldedReads;

        StoredRow(int maxDeltas) {
            this.maxDeltas = maxDeltas;
        }

        StoredRow(LedgerState state, int maxDeltas) {
            this.state = state;
            this.maxDeltas = maxDeltas;
        }

        boolean record(LedgerChange change) {
            boolean needs = state.needsFoldedDeltas(change);
            foldedReads += needs ? 1 : 0;
            Optional<LedgerState.Step> step = state.step(change, maxDeltas, needs ? List.copyOf(folded) : List.of());
            step.ifPresent(s -> {
                List<LedgerChange> next = new ArrayList<>(s.continuesFoldOf(state) ? folded : List.of());
                next.addAll(s.folded());
                folded = next;
                state = s.state();
            });
            return step.isPresent();
        }
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
    void step_shouldPlaceLateDeltaInsideTheFoldExactly_evenWhenTheFloorClips() {
        // In order: +2 @10, -5 @11 (floors at 0), +1 @12..19 = 8. The -5 arrives after +2..+1 @15 were folded.
        List<LedgerChange> changes = new ArrayList<>(List.of(add("a10", 10, 2)));
        for (int i = 12; i < 20; i++) {
            changes.add(add("a" + i, i, 1));
        }
        StoredRow row = new StoredRow(4);
        changes.forEach(row::record);
        assertTrue(row.state.needsFoldedDeltas(sub("late", 11, 5)));

        assertTrue(row.record(sub("late", 11, 5)));

        changes.add(sub("late", 11, 5));
        assertEquals(Quantity.of(8), inOrder(changes));
        assertEquals(Quantity.of(8), row.state.count());
        assertEquals(1, row.foldedReads);
        assertTrue(row.state.deltas().size() <= 4);
        assertEquals(false, row.record(sub("late", 11, 5)), "a folded delta is recognised again");
        assertEquals(false, row.record(add("a13", 13, 1)), "so is one folded in order");
    }

    @Test
    void step_shouldPlaceLateSetInsideTheFoldExactly_keepingTheFoldedDeltasAfterIt() {
        // set 10 @1, then +1 at 2..8 with bound 3: +1 @2..5 are folded. A late set 0 @3 lands inside the fold.
        List<LedgerChange> changes = new ArrayList<>(List.of(set("s", 1, 10)));
        for (int i = 2; i <= 8; i++) {
            changes.add(add("a" + i, i, 1));
        }
        StoredRow row = new StoredRow(3);
        changes.forEach(row::record);
        assertTrue(row.state.needsFoldedDeltas(set("late", 3, 0)));

        row.record(set("late", 3, 0));

        assertEquals(Quantity.of(5), row.state.count(), "0, then +1 @4..8");
        assertEquals(EventId.of("late"), row.state.lastSet().eventId());
        assertEquals(new LedgerState.Position(T0.plusSeconds(4), EventId.of("a4")), row.state.fold().from());
        assertEquals(false, row.record(add("older", 2, 1)), "deltas before the new set change nothing");
        assertTrue(row.record(sub("between", 4, 9)), "inside the new fold: placed exactly again");
        assertEquals(Quantity.of(4), row.state.count(), "0, +1 @4, -9 @4/between (floor), +1 @5..8");
    }

    @Test
    void apply_shouldRefuseAChangeInsideAKeptFold_withoutItsFoldedDeltas() {
        LedgerState state = applyAll(List.of(add("a", 1, 1), add("b", 3, 1), add("c", 4, 1)), 1);

        assertThrows(IllegalStateException.class, () -> state.apply(add("x", 2, 1), 1));
    }

    @Test
    void step_shouldApplyLateChangesInsideAFoldStoredWithoutItsDeltas_atItsEnd() {
        // A fold written before folded deltas were kept: +1 @2..5 on set 10 @1, deltas +1 @6..8 after it.
        LedgerState.Fold old = new LedgerState.Fold(new LedgerState.Position(T0.plusSeconds(2), EventId.of("a2")),
                new LedgerState.Position(T0.plusSeconds(5), EventId.of("a5")), Quantity.ZERO,
                Quantity.of(1_000_000_000_000L), java.math.BigDecimal.valueOf(4), false);
        LedgerState state = new LedgerState(set("s", 1, 10),
                old, List.of(add("a6", 6, 1), add("a7", 7, 1), add("a8", 8, 1)));
        assertEquals(Quantity.of(17), state.count());
        assertEquals(false, state.needsFoldedDeltas(set("late", 3, 0)));

        // Exact would be 0 + (+1 @4..8) = 5; the fold ends @5, so the +1 @4 and @5 inside it are lost.
        assertEquals(Quantity.of(3), state.apply(set("late", 3, 0), 3).orElseThrow().count());
        LedgerState.Step delta = state.step(add("mid", 4, 1), 3, List.of()).orElseThrow();
        assertEquals(Quantity.of(18), delta.state().count());
        assertEquals(List.of(), delta.folded(), "nothing is kept for a fold without its deltas");
        LedgerState.Step more = delta.state().step(add("a9", 9, 1), 3, List.of()).orElseThrow();
        assertEquals(false, more.state().fold().deltasKept(), "extending it keeps it approximate");
        assertEquals(List.of(), more.folded());
    }

    @Test
    void step_shouldKeepFoldsExactAgain_onceASetDropsAFoldStoredWithoutItsDeltas() {
        LedgerState.Fold old = new LedgerState.Fold(new LedgerState.Position(T0.plusSeconds(2), EventId.of("a2")),
                new LedgerState.Position(T0.plusSeconds(5), EventId.of("a5")), Quantity.ZERO,
                Quantity.of(1_000_000_000_000L), java.math.BigDecimal.valueOf(4), false);
        StoredRow row = new StoredRow(new LedgerState(set("s", 1, 10), old, List.of(add("a6", 6, 1))), 2);

        row.record(set("new", 7, 0));
        for (int i = 8; i < 14; i++) {
            row.record(add("b" + i, i, 1));
        }
        row.record(sub("late", 9, 3));

        assertTrue(row.state.fold().deltasKept());
        assertEquals(1, row.foldedReads);
        assertEquals(Quantity.of(4), row.state.count(), "0, +1 @8, +1 @9, -3 @9/late (floor), +1 @10..13");
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
     * long enough to fold: bounds of 1 to 8 and 100), delivered in reversed, shuffled or partly
     * delayed orders with redeliveries, end on the in-order count, always. Half the runs drop
     * redeliveries as the journal's de-duplication row would; the other half apply them, as after
     * the row expired. After every step the kept folded deltas must compose to the row's fold.
     * Replay a failure with {@code -Dledger.seed=<seed>}.
     */
    @Test
    void step_shouldEqualInOrderApplication_forEveryRandomInterleaving() {
        long seed = Long.getLong("ledger.seed", 20250601L);
        Random seeds = new Random(seed);
        int folded = 0;
        int insideFold = 0;
        for (int run = 0; run < 3000; run++) {
            long runSeed = seeds.nextLong();
            Random random = new Random(runSeed);
            int maxDeltas = random.nextInt(5) == 0 ? LedgerState.MAX_DELTAS : 1 + random.nextInt(8);
            List<LedgerChange> stream = randomStream(random, maxDeltas == LedgerState.MAX_DELTAS ? 400 : 60);
            List<LedgerChange> deliveries = arrivalOrder(random, stream, maxDeltas);
            boolean dedup = random.nextBoolean();
            String replay = "run " + run + " (replay with -Dledger.seed=" + seed + "), run seed " + runSeed;

            Set<EventId> recorded = new HashSet<>();
            StoredRow row = new StoredRow(maxDeltas);
            for (LedgerChange change : deliveries) {
                if (!recorded.add(change.eventId()) && dedup) {
                    continue;
                }
                row.record(change);
                assertTrue(row.state.deltas().size() <= maxDeltas, replay);
                if (row.state.fold() != null) {
                    folded++;
                    assertFoldedDeltasComposeToTheFold(row, replay);
                }
            }
            insideFold += row.foldedReads;
            assertEquals(inOrder(stream), row.state.count(), replay);
        }
        assertTrue(folded > 10_000, "too few folded states: " + folded);
        assertTrue(insideFold > 2_000, "too few changes inside a fold: " + insideFold);
    }

    private static void assertFoldedDeltasComposeToTheFold(StoredRow row, String replay) {
        LedgerState.Fold fold = row.state.fold();
        List<LedgerChange> live = row.folded.stream()
                .filter(d -> d.isAfter(fold.from().at(), fold.from().eventId())
                        || new LedgerState.Position(d.occurredAt(), d.eventId()).equals(fold.from()))
                .sorted(LedgerChange.ORDER)
                .toList();
        LedgerState.Fold recomposed = LedgerState.Fold.ofAll(live);
        assertEquals(fold.from(), recomposed.from(), replay);
        assertEquals(fold.through(), recomposed.through(), replay);
        for (long start : new long[] {0, 1, 3, 7, 20}) {
            assertEquals(fold.apply(Quantity.of(start)), recomposed.apply(Quantity.of(start)), replay);
        }
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

    @Test
    void constructor_shouldReject_whenDeltasUnsorted() {
        assertThrows(IllegalArgumentException.class,
                () -> new LedgerState(null, null, List.of(add("b", 2, 1), add("a", 1, 1))));
    }
}
