package io.gradientconnector.testing;

import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.QueueException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AlertQueue} in memory with delays: each message becomes visible at its due time on the given clock, as SQS's
 * {@code DelaySeconds} does (capped at 15 minutes). Thread-safe.
 */
public final class InMemoryAlertQueue implements AlertQueue {
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private final Clock clock;
    private final List<Map.Entry<AlertRef, Instant>> messages = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private boolean failing;

    public InMemoryAlertQueue(Clock clock) {
        this.clock = clock;
    }

    /** While on, every send fails as an unreachable queue would. */
    public synchronized void failing(boolean value) {
        failing = value;
    }

    @Override
    public synchronized void enqueue(List<AlertRef> alerts) {
        check();
        alerts.stream().distinct().forEach(ref -> messages.add(Map.entry(ref, clock.instant())));
    }

    @Override
    public synchronized void enqueueLater(AlertRef alert, Duration delay) {
        check();
        Duration capped = delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.isNegative() ? Duration.ZERO : delay;
        delays.add(capped);
        messages.add(Map.entry(alert, clock.instant().plus(capped)));
    }

    private void check() {
        if (failing) {
            throw new QueueException("alert queue unavailable (test)");
        }
    }

    /** Takes every message due now (oldest due first). */
    public synchronized List<AlertRef> takeDue() {
        Instant now = clock.instant();
        List<Map.Entry<AlertRef, Instant>> due = messages.stream().filter(m -> !m.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue()).toList();
        messages.removeAll(due);
        return due.stream().map(Map.Entry::getKey).toList();
    }

    /** When the next message becomes visible, if any is queued. */
    public synchronized Optional<Instant> nextDue() {
        return messages.stream().map(Map.Entry::getValue).min(Comparator.naturalOrder());
    }

    public synchronized int size() {
        return messages.size();
    }

    /** Every delay asked for with {@link #enqueueLater}, in order. */
    public synchronized List<Duration> delays() {
        return List.copyOf(delays);
    }
}
