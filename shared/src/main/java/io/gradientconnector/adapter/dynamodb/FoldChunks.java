package io.gradientconnector.adapter.dynamodb;

import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.gradientconnector.adapter.dynamodb.Attributes.number;

/**
 * Where a ledger row keeps its fold's deltas (docs/STORAGE.md, "The count"): chunk items
 * {@code FOLD#<account>#<service>#<n>} in the row's partition, each a list of at most
 * {@value #CHUNK_DELTAS} deltas in no particular order. The row records, in the attributes named
 * here, which chunks hold the fold's deltas, so the common path writes them without reading them:
 *
 * @param live  chunks {@code 0 .. live-1} hold the kept deltas (0 while the row has no kept fold)
 * @param tail  how many deltas chunk {@code live-1} holds (a full one is followed by a new chunk)
 * @param span  chunks {@code 0 .. span-1} may exist: those from {@code live} on are left over from a
 *              fold a set dropped; a new chunk overwrites one, and each write deletes a few from the
 *              top ({@code span} falls back to {@code live})
 *
 * <p>Every chunk write shares a transaction with its row's version-guarded write, so chunks never
 * change without the row's version: chunks read after the row belong to it if the commit succeeds.
 */
record FoldChunks(int live, int tail, int span) {
    static final String LIVE = "foldChunks";
    static final String TAIL = "foldTail";
    static final String SPAN = "foldSpan";
    /** 200 deltas stay under 170 KB even counting every id at its 768-byte encoded limit: far under 400 KB. */
    static final int CHUNK_DELTAS = 200;
    static final FoldChunks NONE = new FoldChunks(0, 0, 0);

    FoldChunks {
        if (live < 0 || tail < 0 || tail > CHUNK_DELTAS || span < live || (live == 0) != (tail == 0)) {
            throw new IllegalArgumentException("inconsistent fold chunks " + live + "/" + tail + "/" + span);
        }
    }

    static FoldChunks of(Map<String, AttributeValue> rowItem) {
        return new FoldChunks((int) number(rowItem, LIVE, 0), (int) number(rowItem, TAIL, 0),
                (int) number(rowItem, SPAN, 0));
    }

    /** One write to a chunk, in the row's transaction. */
    sealed interface Write {
        int chunk();
    }

    /** Appends deltas to an existing live chunk. */
    record Append(int chunk, List<LedgerChange> deltas) implements Write {
    }

    /** Writes a new chunk, replacing whatever a dropped fold left there. */
    record Create(int chunk, List<LedgerChange> deltas) implements Write {
    }

    /** Deletes a chunk left over from a dropped fold. */
    record Delete(int chunk) implements Write {
    }

    /** The chunks after a step, and the writes that make them so (each chunk written at most once). */
    record Plan(FoldChunks next, List<Write> writes) {
    }

    /**
     * The chunk writes that record {@code step} (taken from {@code before}): its newly folded deltas
     * appended (to the last live chunk while it has room, then to new chunks), after starting over
     * when the step's fold does not continue the kept one; and up to {@code cleanup} left-over chunks
     * deleted.
     */
    Plan plan(LedgerState before, LedgerState.Step step, int cleanup) {
        boolean continues = step.continuesFoldOf(before);
        int nextLive = continues ? live : 0;
        int nextTail = continues ? tail : 0;
        List<Write> writes = new ArrayList<>();
        List<LedgerChange> rest = step.folded();
        while (!rest.isEmpty()) {
            if (nextLive > 0 && nextTail < CHUNK_DELTAS) {
                int n = Math.min(CHUNK_DELTAS - nextTail, rest.size());
                writes.add(new Append(nextLive - 1, rest.subList(0, n)));
                nextTail += n;
                rest = rest.subList(n, rest.size());
            } else {
                int n = Math.min(CHUNK_DELTAS, rest.size());
                writes.add(new Create(nextLive, rest.subList(0, n)));
                nextLive++;
                nextTail = n;
                rest = rest.subList(n, rest.size());
            }
        }
        int nextSpan = Math.max(span, nextLive);
        for (int i = 0; i < cleanup && nextSpan > nextLive; i++) {
            writes.add(new Delete(--nextSpan));
        }
        return new Plan(new FoldChunks(nextLive, nextTail, nextSpan), List.copyOf(writes));
    }

    /** The chunk number of a chunk's sort key, if it is one of the live chunks under {@code prefix}. */
    Optional<Integer> liveChunk(String prefix, String sortKey) {
        if (!sortKey.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            int chunk = Integer.parseInt(sortKey.substring(prefix.length()));
            return chunk >= 0 && chunk < live ? Optional.of(chunk) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
