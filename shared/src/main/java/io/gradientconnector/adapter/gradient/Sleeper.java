package io.gradientconnector.adapter.gradient;

import java.time.Duration;

/** Waits. Injected wherever the client would block, so tests record delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = Thread::sleep;
}
