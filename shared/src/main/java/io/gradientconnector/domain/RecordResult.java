package io.gradientconnector.domain;

import java.util.List;
import java.util.Objects;

/** The outcome of recording an event, and the ledger rows whose count it changed (to queue pushes for). */
public record RecordResult(RecordOutcome outcome, List<UsageRowKey> changedRows) {
    public RecordResult {
        Objects.requireNonNull(outcome, "outcome");
        changedRows = List.copyOf(changedRows);
    }

    public static RecordResult duplicate() {
        return new RecordResult(RecordOutcome.DUPLICATE, List.of());
    }

    public static RecordResult noChange() {
        return new RecordResult(RecordOutcome.NO_CHANGE, List.of());
    }
}
