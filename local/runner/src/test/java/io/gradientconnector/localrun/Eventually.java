package io.gradientconnector.localrun;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Waits for something other processes do (a queue poller, a child JVM, a schedule): checks {@code condition} until
 * it holds or {@code timeout} passes. Only for integration tests of asynchronous processes; unit tests never wait.
 */
final class Eventually {

    private Eventually() {
    }

    static void await(Duration timeout, String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
