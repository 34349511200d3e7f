package io.gradientconnector.app.sync;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.app.usage.CountPusher;
import io.gradientconnector.app.usage.PushReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A {@link CountPusher} that records what it was asked to push and answers a fixed report. Thread-safe. */
final class RecordingCountPusher implements CountPusher {
    record Call(PartnerId partnerId, List<UsageRowKey> rows, Instant deadline) {
    }

    private final List<Call> calls = new ArrayList<>();
    private PushReport answer = new PushReport(0, 0, 0, 0, false, List.of());

    synchronized void answer(PushReport report) {
        this.answer = report;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized PushReport push(PartnerId partnerId, List<UsageRowKey> rows, Instant deadline) {
        calls.add(new Call(partnerId, List.copyOf(rows), deadline));
        return answer;
    }
}
