package io.gradientconnector.adapter.gradient;

import io.gradientconnector.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every wait and, when given a clock, moves it forward instead of sleeping. Thread-safe. */
final class RecordingSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
