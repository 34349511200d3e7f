package io.gradientconnector.bench.lifecycle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The short run of the lifecycle model test ({@link Simulation}), part of {@code make test}: one seed (printed; replay
 * one with {@code -Dlifecycle.seed=N}, lengthen with {@code -Dlifecycle.rounds=N}), every invariant checked, every
 * violation printed and failing the build. {@code make soak} runs it longer.
 */
class LifecycleModelIT {

    /** Every guarantee must hold (docs/GUARANTEES.md names the seeds that broke each before the fixes). */
    static final Set<Invariant> ENABLED = EnumSet.allOf(Invariant.class);

    private static final long SEED = Long.getLong("lifecycle.seed", 20_250_601L);
    private static final int ROUNDS = Integer.getInteger("lifecycle.rounds", 40);
    /** Off until the ledger makes a late set inside a row's folded deltas exact (docs/GUARANTEES.md item 9). */
    private static final boolean FOLD_INSIDE = Boolean.parseBoolean(System.getProperty("lifecycle.foldInside", "true"));

    @Test
    void lifecycle_shouldKeepEveryEnabledGuarantee_whenContainersRaceKeyChangesSyncsAndDeliveries() {
        Simulation.Report report = Simulation.run(Simulation.Options.of(SEED, ROUNDS).withFoldInside(FOLD_INSIDE),
                new PrintStream(OutputStream.nullOutputStream()));

        System.out.println(report.describe());
        List<Violation> failing = report.of(ENABLED);
        assertTrue(report.steps() > ROUNDS, "the simulation ran its rounds");
        assertTrue(failing.isEmpty(), "seed " + SEED + " broke " + failing.size() + " enabled invariant(s):\n  "
                + String.join("\n  ", failing.stream().map(Violation::toString).toList()));
    }
}
