package io.gradientconnector.bench.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happened, in the order steps were answered: every step with its container, start and end on the driver's
 * clock, and the connector's answer (status and an excerpt of the body, which never holds a key). The {@link Model}
 * is built from this alone, and violations quote from it. Thread-safe.
 */
final class History {
    private static final long EPOCH = System.nanoTime();

    /** One answered step. {@code keyLabel} is the key a PUT submitted; {@code status} -1 when the step threw. */
    record Entry(int index, int round, int container, Op op, long started, long ended, int status, String keyLabel,
                 String answer) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean rejected() {
            return status >= 400 && status < 500;
        }

        boolean inFlightAt(long nanos) {
            return started <= nanos && nanos <= ended;
        }

        @Override
        public String toString() {
            return "#" + index + " r" + round + " c" + container + " " + Describe.op(op)
                    + (keyLabel == null ? "" : " key=" + keyLabel) + " -> " + status
                    + " [" + millis(started) + ".." + millis(ended) + "ms]"
                    + (answer == null || answer.isEmpty() ? "" : " " + (answer.length() > 240
                    ? answer.substring(0, 240) + "…" : answer));
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Nanoseconds since the driver started; the one clock the history and the recorded calls share. */
    static long now() {
        return System.nanoTime() - EPOCH;
    }

    static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    synchronized Entry add(int round, int container, Op op, long started, int status, String keyLabel, String answer) {
        Entry e = new Entry(entries.size(), round, container, op, started, now(), status, keyLabel, answer);
        entries.add(e);
        return e;
    }

    /** Every entry, in the order the answers came. */
    synchronized List<Entry> entries() {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparingLong(Entry::ended));
        return copy;
    }
}
