package io.gradientconnector.bench.lifecycle;

import io.gradientconnector.lambda.ServiceCatalogFile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The randomized concurrent model test of the partner lifecycle (in the spirit of Jepsen's history checking and
 * FoundationDB's simulation): a {@link Plan} from the seed, run round by round on several containers against the real
 * AWS emulator and the sandbox, then a quiet phase (faults lifted, every connected partner's current key submitted,
 * syncs and queue drains until nothing is left), then the {@link Checker}.
 *
 * <p>Reproducing: the seed fixes the plan, each step's container and every body; only thread timing within a round
 * varies, so a failing seed shows the same class of violation again with high probability, not certainty.
 */
public final class Simulation {
    static final int QUIET = -1;

    /**
     * How to run: the seed, random rounds after the setup rounds, the world's shape, and whether the burst also
     * sends a late set inside a row's folded deltas (item 9's documented approximate case; off by default until the
     * code makes that case exact, see {@link Invariant#FOLD_INSIDE}).
     */
    public record Options(long seed, int rounds, int partners, int accountsPerPartner, int containers,
                          boolean foldInside) {
        public static Options of(long seed, int rounds) {
            return new Options(seed, rounds, 3, 3, World.CONTAINERS_DEFAULT, false);
        }

        public Options withFoldInside(boolean on) {
            return new Options(seed, rounds, partners, accountsPerPartner, containers, on);
        }
    }

    /** What a run found. */
    public record Report(long seed, String planSummary, int steps, int gradientCalls, Duration took,
                         String counts, List<Violation> violations) {
        public Set<Invariant> violated() {
            Set<Invariant> set = EnumSet.noneOf(Invariant.class);
            violations.forEach(v -> set.add(v.invariant()));
            return set;
        }

        /** Violations of the given invariants only. */
        public List<Violation> of(Set<Invariant> enabled) {
            return violations.stream().filter(v -> enabled.contains(v.invariant())).toList();
        }

        public String describe() {
            StringBuilder out = new StringBuilder("lifecycle simulation: seed " + seed + " (replay with -Dlifecycle.seed="
                    + seed + "), " + planSummary + "\n  " + steps + " steps, " + gradientCalls + " Gradient calls, "
                     + took.toMillis() + " ms\n  counts:" + counts + "\n  violated: " + (violated().isEmpty() ? "none" : violated()));
            violations.forEach(v -> out.append("\n  - ").append(v));
            return out.toString();
        }
    }

    private Simulation() {
    }

    /** Runs one seed; {@code logs} receives the containers' JSON log lines (WARN and above). */
    public static Report run(Options options, PrintStream logs) {
        long started = System.nanoTime();
        Plan.Shape shape = new Plan.Shape(options.partners(), options.accountsPerPartner(),
                ServiceCatalogFile.example().services().stream().map(s -> s.key().value()).toList(),
                options.containers());
        Plan plan = Plan.generate(options.seed(), options.rounds(), shape, options.foldInside());
        History history = new History();
        ExecutorService pool = Executors.newFixedThreadPool(shape.containers() + 2);
        try (World world = World.start(shape, logs)) {
            Steps steps = new Steps(world, history);
            List<Future<History.Entry>> beside = new ArrayList<>();
            for (int r = 0; r < plan.rounds().size(); r++) {
                if (r == Plan.SETUP_ROUNDS) {
                    // The burst and the slow delivery run beside the random rounds, each on a container of its own
                    // (the slow one's table is slow). Webhooks make no Gradient call, so every recorded call still
                    // belongs to one round's step, and their 20-40 s overlap the rounds instead of adding to the run.
                    int round = r;
                    beside.add(pool.submit(() -> steps.run(round, world.spare, plan.burst())));
                    beside.add(pool.submit(() -> steps.run(round, world.slow, new Op.Deliver(plan.slow()))));
                }
                runRound(pool, world, steps, r, plan.rounds().get(r));
                if (r == 0) {
                    requireConnected(history);
                }
            }
            beside.forEach(Simulation::await);
            Map<Integer, History.Entry> views = quiesce(world, steps, history);
            Checker checker = new Checker(shape, world.integrationByOrg, world.catalog, history.entries(),
                    world.recorder.calls(), world.control.state(), views);
            List<Violation> violations = checker.check();
            return new Report(options.seed(), plan.summary(), history.entries().size(), world.recorder.calls().size(),
                    Duration.ofNanos(System.nanoTime() - started), checker.countSummary(), violations);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(Future<History.Entry> step) {
        try {
            step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step failed outside the connector", e.getCause());
        }
    }

    /** The first round connects every partner; if that fails the wiring is broken, and no check would mean anything. */
    private static void requireConnected(History history) {
        List<History.Entry> failed = history.entries().stream().filter(e -> e.op() instanceof Op.Put && !e.ok()).toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("the simulation could not connect its partners (is the AWS emulator reachable,"
                    + " with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set?): " + failed);
        }
    }

    /** One step per container, all at once; the round ends when every step has answered. */
    private static void runRound(ExecutorService pool, World world, Steps steps, int round, List<Op> ops) {
        List<Callable<History.Entry>> tasks = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            World.Container container = world.containers.get((i + round) % world.containers.size());
            Op op = ops.get(i);
            tasks.add(() -> steps.run(round, container, op));
        }
        try {
            for (Future<History.Entry> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step failed outside the connector", e.getCause());
        }
        if (ops.stream().anyMatch(op -> op instanceof Op.Faults)) {
            world.control.clearFaults(); // faults last one round: the steps beside them saw them
        }
    }

    /**
     * The quiet phase: what a vendor's operators would do to bring everything home. Faults off; each partner the
     * model says is connected gets its organization's current key (the MSP may have regenerated it unseen); the
     * account-sync schedule runs once (its pending-delivery sweep applies what a webhook recorded but could not apply
     * in time); then syncs and queue drains until the queues stay empty (bounded). Returns each partner's final view.
     */
    private static Map<Integer, History.Entry> quiesce(World world, Steps steps, History history) {
        world.control.clearFaults();
        Model model = new Model(history.entries());
        World.Container c0 = world.containers.get(0);
        for (int p = 0; p < world.shape.partners(); p++) {
            Optional<String> key = model.finalKey(p);
            if (key.isEmpty()) {
                continue;
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                History.Entry put = steps.run(QUIET, c0, new Op.Put(p, KeyBook.orgOf(key.get()), false, false));
                if (put.status() == 200 || put.rejected() && put.status() != 409) {
                    break;
                }
                sleep(1000);
            }
        }
        steps.run(QUIET, c0, new Op.Schedule());
        for (int pass = 0; pass < 6; pass++) {
            boolean busy = false;
            for (int p = 0; p < world.shape.partners(); p++) {
                busy |= steps.run(QUIET, world.containers.get(p % world.containers.size()), new Op.Sync(p)).status() != 200;
            }
            for (int i = 0; i < 50; i++) {
                History.Entry sync = steps.run(QUIET, c0, new Op.DrainSync());
                History.Entry usage = steps.run(QUIET, world.containers.get(i % world.containers.size()), new Op.DrainUsage());
                busy |= sync.status() == 500 || usage.status() == 500;
                if (sync.status() == 204 && usage.status() == 204) {
                    break;
                }
            }
            if (!busy && pass >= 1) {
                break;
            }
        }
        Map<Integer, History.Entry> views = new HashMap<>();
        for (int p = 0; p < world.shape.partners(); p++) {
            views.put(p, steps.run(QUIET, world.containers.get(p % world.containers.size()), new Op.Get(p)));
        }
        return views;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
