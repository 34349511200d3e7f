package io.gradientconnector.bench.lifecycle;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code make soak}'s long run of the lifecycle model test: {@code -Dlifecycle.seeds=N} seeds (default 5) of
 * {@code -Dlifecycle.rounds=R} rounds (default 200), starting at {@code -Dlifecycle.seed} (default: random, printed).
 * Exits 1 if any seed broke an invariant in {@code -Dlifecycle.invariants} (comma-separated names; default all).
 * The burst also sends a late set inside a row's folded deltas ({@link Invariant#FOLD_INSIDE});
 * {@code -Dlifecycle.foldInside=false} leaves it out.
 * The containers' log lines go to {@code target/bench/lifecycle-<seed>.log}.
 */
public final class LifecycleSoak {
    private LifecycleSoak() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null || System.getenv("AWS_SECRET_ACCESS_KEY") == null) {
            // The containers read credentials from the environment, as Lambda's do; the emulator accepts any.
            System.err.println("lifecycle soak: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any value, e.g. test)");
            System.exit(2);
        }
        long first = Long.getLong("lifecycle.seed", new Random().nextLong() & Long.MAX_VALUE);
        int seeds = Integer.getInteger("lifecycle.seeds", 5);
        int rounds = Integer.getInteger("lifecycle.rounds", 200);
        java.util.Set<Invariant> enabled = java.util.EnumSet.allOf(Invariant.class);
        String only = System.getProperty("lifecycle.invariants", "");
        if (!only.isBlank()) {
            enabled.clear();
            for (String name : only.split(",")) {
                enabled.add(Invariant.valueOf(name.trim()));
            }
        }
        Path out = Path.of(System.getProperty("connector.root", "")).toAbsolutePath().resolve("target/bench");
        Files.createDirectories(out);
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            long seed = first + i;
            System.out.println("lifecycle soak: seed " + seed + ", " + rounds + " rounds");
            Simulation.Report report;
            try (PrintStream logs = new PrintStream(Files.newOutputStream(out.resolve("lifecycle-" + seed + ".log")),
                    true, StandardCharsets.UTF_8)) {
                report = Simulation.run(Simulation.Options.of(seed, rounds)
                        .withFoldInside(Boolean.parseBoolean(System.getProperty("lifecycle.foldInside", "true"))), logs);
            }
            System.out.println(report.describe());
            if (!report.of(enabled).isEmpty()) {
                failed.add(seed);
            }
        }
        System.out.println(failed.isEmpty() ? "lifecycle soak: no violation of " + enabled
                : "lifecycle soak: violations with seeds " + failed + " (replay: make soak-lifecycle LIFECYCLE_OPTS='-Dlifecycle.seed=N -Dlifecycle.seeds=1')");
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
