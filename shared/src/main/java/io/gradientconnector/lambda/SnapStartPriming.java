package io.gradientconnector.lambda;

import io.gradientconnector.observability.JsonLog;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one function's container (docs/DEPLOY.md), registered by
 * {@link Components#fromEnvironment(String)} as a CRaC {@link Resource}:
 *
 * <ul>
 *   <li>{@link #beforeCheckpoint}: runs {@link Components#primingSteps()} — the code paths of what this container's
 *       handler wired (AWS SDK clients up to the point of sending, the stores' item mapping, the JSON logger and
 *       metrics, Jackson on a representative delivery and response, the Gradient client over a canned transport) —
 *       so their classes are loaded and initialised in the snapshot. Nothing is sent: no call reaches AWS or
 *       Gradient, no secret or partner key is read. A failing step is logged and skipped; priming never fails the
 *       snapshot.</li>
 *   <li>{@link #afterRestore}: re-seeds what was captured at init and would otherwise be the same in every container
 *       restored from one snapshot ({@link Components#reseed(long)}: the retry and backoff jitter), from a
 *       {@link SecureRandom} created after the restore.</li>
 * </ul>
 *
 * <p>On a JVM without CRaC (tests, the local runner, a function without SnapStart) registering does nothing and the
 * hooks never run. CRaC keeps only weak references to resources, so every registered resource is also kept here for
 * the life of the process (one per container). Thread-safe.
 */
public final class SnapStartPriming implements Resource {

    /** One named priming step. */
    record Step(String name, Runnable action) {
        Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
        }
    }

    /** What one {@link #beforeCheckpoint} did: the steps that ran through and those that failed. */
    public record Report(List<String> primed, List<String> failed, long millis) {
    }

    private static final List<SnapStartPriming> REGISTERED = new CopyOnWriteArrayList<>();

    private final Components components;
    private volatile Report lastReport;

    SnapStartPriming(Components components) {
        this.components = Objects.requireNonNull(components, "components");
    }

    /** Registers a resource priming {@code components} with CRaC's global context, and keeps it. */
    static SnapStartPriming register(Components components) {
        SnapStartPriming priming = new SnapStartPriming(components);
        REGISTERED.add(priming);
        try {
            Core.getGlobalContext().register(priming);
        } catch (RuntimeException | LinkageError e) {
            // Priming is an optimisation: a container that cannot register still starts, only slower.
            priming.log().warn("SnapStart priming could not be registered; the function starts unprimed", e);
        }
        return priming;
    }

    /**
     * Runs every registered resource's {@link #beforeCheckpoint} then {@link #afterRestore}, as a checkpoint and an
     * immediate restore would. For measuring a primed start on a JVM without CRaC (the cold-start bench); returns how
     * many resources ran.
     */
    public static int checkpointAndRestoreInPlace() {
        for (SnapStartPriming priming : REGISTERED) {
            priming.beforeCheckpoint(null);
        }
        for (SnapStartPriming priming : REGISTERED) {
            priming.afterRestore(null);
        }
        return REGISTERED.size();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        List<String> primed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<Step> steps;
        try {
            steps = components.primingSteps();
        } catch (RuntimeException | LinkageError e) {
            log().warn("SnapStart priming skipped: its steps could not be listed", e);
            lastReport = new Report(List.of(), List.of("steps"), 0);
            return;
        }
        for (Step step : steps) {
            try {
                step.action().run();
                primed.add(step.name());
            } catch (RuntimeException | LinkageError e) {
                failed.add(step.name());
                log().with("step", step.name()).warn("SnapStart priming step failed; continuing without it", e);
            }
        }
        Report report = new Report(List.copyOf(primed), List.copyOf(failed), (System.nanoTime() - start) / 1_000_000);
        lastReport = report;
        log().with("primed", String.join(",", primed)).with("failed", String.join(",", failed))
                .with("durationMs", report.millis()).info("SnapStart priming done");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        try {
            components.reseed(new SecureRandom().nextLong());
        } catch (RuntimeException e) {
            log().warn("re-seeding after the restore failed; jitter keeps its snapshot seed", e);
        }
    }

    /** The last {@link #beforeCheckpoint}'s report, or null before any. */
    public Report lastReport() {
        return lastReport;
    }

    private JsonLog log() {
        return components.log();
    }
}
