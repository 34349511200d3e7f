package io.gradientconnector.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

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
    void apply_shouldFoldOldestDeltasIntoBase_whenPastTheBound() {
        List<LedgerChange> adds = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            adds.add(add("a" + i, i, 1));
        }

        LedgerState state = applyAll(adds, 5);

        assertEquals(5, state.deltas().size());
        assertEquals(Quantity.of(2), state.base());
        assertEquals(new LedgerState.Position(T0.plusSeconds(1), EventId.of("a1")), state.foldedThrough());
        assertEquals(Quantity.of(7), state.count());
    }

    @Test
    void apply_shouldApplyLateDeltaAtFoldPoint_andStayExactWithoutFloorClipping() {
        List<LedgerChange> changes = new ArrayList<>();
        for (int i = 10; i < 20; i++) {
            changes.add(add("a" + i, i, 2));
        }
        changes.add(sub("late", 11, 1)); // behind the fold point (t15), no floor reached in order
        changes.add(add("later", 12, 1));

        LedgerState state = applyAll(changes, 4);

        assertEquals(Quantity.of(20), inOrder(changes));
        assertEquals(Quantity.of(20), state.count());
        assertTrue(state.deltas().size() <= 4);
    }

    @Test
    void apply_shouldApplyLateSetAtFoldPoint_losingOnlyFoldedDeltasAfterIt() {
        // set 10 @1, then +1 at 2..8 with bound 3: +1 @2..5 are folded. A late set 0 @3 lands at the fold point.
        List<LedgerChange> changes = new ArrayList<>(List.of(set("s", 1, 10)));
        for (int i = 2; i <= 8; i++) {
            changes.add(add("a" + i, i, 1));
        }
        LedgerState state = applyAll(changes, 3);

        LedgerState after = state.apply(set("late", 3, 0), 3).orElseThrow();

        // Exact would be 0 + (+1 @4..8) = 5; the fold point is @5, so the +1 @4 and @5 inside it are lost.
        assertEquals(Quantity.of(3), after.count());
        assertEquals(EventId.of("late"), after.lastSet().eventId());
        assertEquals(Optional.empty(), after.apply(add("older", 2, 1), 3), "deltas before the new set change nothing");
    }

    @Test
    void constructor_shouldReject_whenDeltasUnsorted() {
        assertThrows(IllegalArgumentException.class,
                () -> new LedgerState(null, Quantity.ZERO, null, List.of(add("b", 2, 1), add("a", 1, 1))));
    }
}
