package io.gradientconnector.vendorevents;

import io.gradientconnector.lambda.Components;

/**
 * Builds {@link VendorEventsHandler} exactly as its public no-arg constructor does, but from a given {@link Components}, so the
 * lifecycle model test can run several warm "containers" (each its own caches and clients) in one JVM. Lives in the
 * handler's package (bench code, never deployed) because that constructor is package-private.
 */
public final class ContainerWiring {
    private ContainerWiring() {
    }

    public static VendorEventsHandler handler(Components components) {
        return new VendorEventsHandler(components);
    }
}
