package io.gradientconnector.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How a rate limit of "N per second" judges a stream of requests: the busiest sliding one-second window. */
public final class RateWindows {

    private RateWindows() {
    }

    /** The most instants of {@code arrivals} inside any one-second window (sliding, as the sandbox's limiter counts). */
    public static int maxInAnySecond(List<Instant> arrivals) {
        List<Instant> sorted = new ArrayList<>(arrivals);
        sorted.sort(null);
        int max = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (!sorted.get(from).isAfter(sorted.get(to).minusSeconds(1))) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
