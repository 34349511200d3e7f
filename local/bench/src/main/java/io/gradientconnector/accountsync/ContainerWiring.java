package io.gradientconnector.accountsync;

import io.gradientconnector.lambda.Components;

/**
 * Builds {@link SyncWorkerHandler} exactly as its public no-arg constructor does, but from a given {@link Components}, so the
 * lifecycle model test can run several warm "containers" (each its own caches and clients) in one JVM. Lives in the
 * handler's package (bench code, never deployed) because that constructor is package-private.
 */
public final class ContainerWiring {
    private ContainerWiring() {
    }

    public static SyncWorkerHandler handler(Components components) {
        return new SyncWorkerHandler(components);
    }

    /** The schedule target (fan-out, and the pending-delivery sweep where the code has one), the same way. */
    public static ScheduleHandler schedule(Components components) {
        return new ScheduleHandler(components);
    }
}
