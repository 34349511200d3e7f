package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerState;
import io.gradientconnector.domain.Quantity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FoldChunksTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static LedgerChange add(int i) {
        return LedgerChange.add(EventId.of("\u6F22".repeat(85) + String.format("%03d", i % 1000)),
                T0.plusSeconds(i), Quantity.of(999_999_999_999L));
    }

    private static LedgerState folded(int deltas) {
        List<LedgerChange> kept = new ArrayList<>();
        for (int i = 1; i <= deltas; i++) {
            kept.add(add(i));
        }
        return new LedgerState(null, null, kept);
    }

    @Test
    void plan_shouldAppendToTheLastChunk_thenStartANewOne_whenItIsFull() {
        LedgerState before = folded(2).step(add(3), 2, List.of()).orElseThrow().state();
        LedgerState.Step step = before.step(add(4), 2, List.of()).orElseThrow();

        FoldChunks.Plan roomy = new FoldChunks(2, 5, 2).plan(before, step, 8);
        FoldChunks.Plan full = new FoldChunks(2, FoldChunks.CHUNK_DELTAS, 2).plan(before, step, 8);

        assertEquals(List.of(new FoldChunks.Append(1, step.folded())), roomy.writes());
        assertEquals(new FoldChunks(2, 6, 2), roomy.next());
        assertEquals(List.of(new FoldChunks.Create(2, step.folded())), full.writes());
        assertEquals(new FoldChunks(3, 1, 3), full.next());
    }

    @Test
    void plan_shouldStartOverAndDeleteLeftOvers_whenASetDropsTheFold() {
        LedgerState before = folded(2).step(add(3), 2, List.of()).orElseThrow().state();
        LedgerState.Step dropped = before.step(LedgerChange.set(EventId.of("s"), T0.plusSeconds(99), Quantity.ZERO),
                2, List.of()).orElseThrow();

        FoldChunks.Plan plan = new FoldChunks(12, 3, 12).plan(before, dropped, 8);
        FoldChunks.Plan rest = plan.next().plan(dropped.state(),
                dropped.state().step(add(100), 2, List.of()).orElseThrow(), 8);

        assertEquals(new FoldChunks(0, 0, 4), plan.next());
        assertEquals(List.of(11, 10, 9, 8, 7, 6, 5, 4), plan.writes().stream().map(FoldChunks.Write::chunk).toList());
        assertEquals(new FoldChunks(0, 0, 0), rest.next());
    }

    @Test
    void aFullChunkOfMaximalDeltas_shouldStayFarUnderTheItemLimit() {
        List<LedgerChange> deltas = new ArrayList<>();
        for (int i = 0; i < FoldChunks.CHUNK_DELTAS; i++) {
            deltas.add(add(i));
        }
        var key = new io.gradientconnector.domain.UsageRowKey(io.gradientconnector.domain.PartnerId.of("p".repeat(64)),
                io.gradientconnector.domain.AccountId.of("\u6F22".repeat(85) + "abc"),
                io.gradientconnector.domain.ServiceKey.of("s".repeat(64)));

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                Items.foldChunk(key, Integer.MAX_VALUE, deltas);

        int bytes = item.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(bytes < io.gradientconnector.domain.StorageLimits.ITEM_BYTES / 2, "about " + bytes + " bytes");
    }
}
