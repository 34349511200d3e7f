package io.gradientconnector.localrun.trigger;

import java.time.Duration;

/** Waits between polls; injected so tests can drive the pollers without real pauses. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
