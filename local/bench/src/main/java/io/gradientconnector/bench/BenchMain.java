package io.gradientconnector.bench;

import io.gradientconnector.bench.coldstart.ColdStartBench;
import io.gradientconnector.bench.ingest.IngestBench;
import io.gradientconnector.bench.push.PushThroughputBench;
import io.gradientconnector.bench.push.PushThroughputBench.Result;
import io.gradientconnector.bench.push.PushThroughputBench.Setting;
import io.gradientconnector.bench.sync.AccountSyncBench;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench}: push throughput, cold start, account sync and webhook ingestion, each printed as a table and written as JSON to
 * {@code target/bench/<section>.json} under the repository root. Arguments name the sections to run
 * ({@code push}, {@code coldstart}, {@code sync}, {@code ingest}; default all); {@code -Dbench.runs=N} sets the cold-start runs.
 */
public final class BenchMain {

    /** The limit the sandbox enforces, as Gradient does (docs/GRADIENT-API.md). */
    static final int LIMIT = 100;
    /** The template's defaults: PushConcurrency × PushRatePerWorker (template.yaml). */
    static final Setting TEMPLATE_DEFAULT = new Setting(5, 19);
    /** The defaults before this benchmark: 5 × 20 = 100 looked right but lets 105 calls into some seconds. */
    static final Setting PREVIOUS_DEFAULT = new Setting(5, 20);
    static final List<Setting> SWEEP = List.of(new Setting(1, 100), new Setting(1, 99), new Setting(1, 98),
            new Setting(2, 50), new Setting(2, 49), PREVIOUS_DEFAULT, TEMPLATE_DEFAULT, new Setting(4, 25),
            new Setting(4, 24));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        quietJavaLogging();
        List<String> sections = args.length == 0 ? List.of("push", "coldstart", "sync", "ingest") : List.of(args);
        Path root = Path.of(System.getProperty("connector.root", "")).toAbsolutePath();
        Path out = root.resolve("target").resolve("bench");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("measuredAt", Instant.now().toString());
        meta.put("cores", Runtime.getRuntime().availableProcessors());
        meta.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        for (String section : sections) {
            List<Table> tables = switch (section) {
                case "push" -> push();
                case "coldstart" -> {
                    boolean primed = Boolean.parseBoolean(System.getProperty("bench.primed", "true"));
                    List<Table> plain = ColdStartBench.run(root, Integer.getInteger("bench.runs", 7), false, primed);
                    List<Table> all = new ArrayList<>(plain);
                    if (Boolean.parseBoolean(System.getProperty("bench.cds", "true"))) {
                        all.addAll(ColdStartBench.run(root, Integer.getInteger("bench.runs", 7), true, primed));
                    }
                    yield all;
                }
                case "sync" -> AccountSyncBench.run(Integer.getInteger("bench.accounts", 10_000), List.of(5, 100));
                case "ingest" -> IngestBench.run(integers("bench.ingestLatencies", "0,10,50"),
                        integers("bench.ingestConcurrency", "1,8"));
                default -> throw new IllegalArgumentException("unknown section " + section
                        + " (push, coldstart, sync, ingest)");
            };
            tables.forEach(t -> t.print(System.out));
            Path file = out.resolve(section + ".json");
            Table.write(file, meta, tables);
            System.out.println("  -> " + root.relativize(file));
        }
        System.exit(0); // the sandbox and emulator hooks stop with the JVM
    }

    /** {@code -Dname=1,8}: a list of whole numbers, {@code fallback} when unset. */
    static List<Integer> integers(String name, String fallback) {
        List<Integer> values = new ArrayList<>();
        for (String part : System.getProperty(name, fallback).split(",")) {
            if (!part.isBlank()) {
                values.add(Integer.parseInt(part.strip()));
            }
        }
        return values;
    }

    /** The Gradient client reports each retry at INFO through System.Logger (JUL here); the tables count them. */
    static void quietJavaLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
    }

    /** {@code -Dbench.full=5x19,4x24}: settings pushed in full besides the template default and the sweep's best. */
    static List<Setting> extraFullSettings() {
        String spec = System.getProperty("bench.full", "");
        List<Setting> settings = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (!part.isBlank()) {
                String[] wr = part.strip().split("x");
                settings.add(new Setting(Integer.parseInt(wr[0]), Integer.parseInt(wr[1])));
            }
        }
        return settings;
    }

    /**
     * A short sweep (1,000 counts per setting) finds the fastest setting without 429 failures; the template default
     * and that setting then push the full 5,000; last, the same 5,000 against a sandbox without a limit.
     */
    static List<Table> push() {
        int sweepCounts = Integer.getInteger("bench.sweepCounts", 1_000);
        int fullCounts = Integer.getInteger("bench.counts", 5_000);
        List<Table> tables = new ArrayList<>();
        try (PushThroughputBench bench = PushThroughputBench.start(fullCounts)) {
            bench.run(new Setting(1, 200), 200, 1_000_000); // warm-up: JIT and connections, not reported
            List<Result> sweep = new ArrayList<>();
            for (Setting s : SWEEP) {
                Result r = bench.run(s, sweepCounts, LIMIT);
                System.out.printf("  sweep %-10s %6.1f req/s, %d 429s, %d 429 failures%n", s.label(),
                        r.requestsPerSecond(), r.seen429(), r.rowsHandedBack());
                sweep.add(r);
            }
            tables.add(PushThroughputBench.table("Push throughput sweep: " + sweepCounts
                    + " counts per setting, sandbox limited to " + LIMIT + "/s", sweep)
                    .note("workers x GRADIENT_RATE_LIMIT_PER_SECOND; each worker is a usage-push invocation with its "
                            + "own client and token bucket (burst 1)")
                    .note("429 failures = rows the push handed back for SQS redelivery after the client's retries"));
            Setting best = sweep.stream()
                    .filter(r -> r.rowsHandedBack() == 0 && r.countsExact())
                    .max(Comparator.comparingDouble(Result::requestsPerSecond))
                    .map(Result::setting).orElse(TEMPLATE_DEFAULT);
            List<Result> full = new ArrayList<>();
            full.add(bench.run(TEMPLATE_DEFAULT, fullCounts, LIMIT));
            List<Setting> more = new ArrayList<>(List.of(PREVIOUS_DEFAULT, best));
            more.addAll(extraFullSettings());
            for (Setting s : more.stream().distinct().filter(s -> !s.equals(TEMPLATE_DEFAULT)).toList()) {
                full.add(bench.run(s, fullCounts, LIMIT));
            }
            tables.add(PushThroughputBench.table("Push throughput: " + fullCounts
                    + " counts for one partner, sandbox limited to " + LIMIT + "/s (target >= 95/s, no 429 failures, "
                    + "counts exact)", full)
                    .note("rows: the template default (" + TEMPLATE_DEFAULT.label() + "), the previous default ("
                            + PREVIOUS_DEFAULT.label() + "), the sweep's best (" + best.label() + ")"
                            + (extraFullSettings().isEmpty() ? "" : " and -Dbench.full")));
            int cores = Runtime.getRuntime().availableProcessors();
            Setting unlimited = new Setting(cores * 2, 10_000);
            Result free = bench.run(unlimited, fullCounts, 1_000_000);
            tables.add(PushThroughputBench.table("Push throughput without a limit: " + fullCounts + " counts, "
                    + cores + " cores", List.of(free))
                    .note(String.format(java.util.Locale.ROOT, "%.0f requests/s per core (client, sandbox and "
                            + "in-memory ledger share the %d cores); %.2f ms CPU per request", free.requestsPerSecond()
                            / cores, cores, free.cpuSeconds() * 1000 / Math.max(1, free.admitted()))));
        }
        return tables;
    }
}
