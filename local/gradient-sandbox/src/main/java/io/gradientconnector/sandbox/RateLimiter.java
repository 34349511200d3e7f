package io.gradientconnector.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Sliding one-second window over all Vendor API requests (every token together). Only admitted requests count, so
 * a client that backs off regains capacity exactly one second after its earliest admitted request. Not thread-safe:
 * callers lock.
 */
final class RateLimiter {

    private static final long WINDOW_NANOS = 1_000_000_000L;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    boolean tryAcquire(Instant now, int limitPerSecond) {
        long t = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        while (!admitted.isEmpty() && admitted.peekFirst() <= t - WINDOW_NANOS) {
            admitted.pollFirst();
        }
        if (admitted.size() >= limitPerSecond) {
            return false;
        }
        admitted.addLast(t);
        return true;
    }

    void clear() {
        admitted.clear();
    }
}
