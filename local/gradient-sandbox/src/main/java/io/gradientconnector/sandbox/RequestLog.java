package io.gradientconnector.sandbox;

import java.util.ArrayDeque;
import java.util.List;

/** The most recent Vendor API requests (bounded, oldest dropped first). Not thread-safe: callers lock. */
final class RequestLog {

    static final int CAPACITY = 50_000;
    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();
    private long lastSeq;

    long nextSeq() {
        return ++lastSeq;
    }

    void add(RecordedRequest request) {
        if (entries.size() == CAPACITY) {
            entries.pollFirst();
        }
        entries.addLast(request);
    }

    List<RecordedRequest> since(long seq) {
        return entries.stream().filter(r -> r.seq() > seq).toList();
    }

    /** Clears entries; sequence numbers keep increasing so {@code since} cursors stay valid. */
    void clear() {
        entries.clear();
    }
}
