package io.gradientconnector.bench;

import io.gradientconnector.bench.coldstart.ColdStartBench;
import io.gradientconnector.bench.ingest.IngestBench;
import io.gradientconnector.bench.push.PushThroughputBench;
import io.gradientconnector.bench.push.MixedLoadBench;
import io.gradientconnector.bench.push.PushThroughputBench.Result;
import io.gradientconnector.app.usage.UsagePushService;
import io.gradientconnector.bench.sync.AccountSyncBench;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench}: push throughput, mixed load on the shared rate budget, cold start, account sync and webhook
 * ingestion, each printed as a table and written as JSON to {@code target/bench/<section>.json} under the repository
 * root. Arguments name the sections to run ({@code push}, {@code mixed}, {@code coldstart}, {@code sync},
 * {@code ingest}; default all); {@code -Dbench.runs=N} sets the cold-start runs.
 */
public final class BenchMain {

    /** The limit the sandbox enforces, as Gradient does (docs/GRADIENT-API.md); the budget's default limit too. */
    static final int LIMIT = 100;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        quietJavaLogging();
        List<String> sections = args.length == 0 ? List.of("push", "mixed", "coldstart", "sync", "ingest")
                : List.of(args);
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
                case "mixed" -> MixedLoadBench.run(LIMIT);
                case "coldstart" -> {
                    boolean primed = Boolean.parseBoolean(System.getProperty("bench.primed", "true"));
                    List<Table> plain = ColdStartBench.run(root, Integer.getInteger("bench.runs", 7), false, primed);
                    List<Table> all = new ArrayList<>(plain);
                    if (Boolean.parseBoolean(System.getProperty("bench.cds", "true"))) {
                        all.addAll(ColdStartBench.run(root, Integer.getInteger("bench.runs", 7), true, primed));
                    }
                    yield all;
                }
                case "sync" -> AccountSyncBench.run(Integer.getInteger("bench.accounts", 10_000), List.of(100));
                case "ingest" -> IngestBench.run(integers("bench.ingestLatencies", "0,10,50"),
                        integers("bench.ingestConcurrency", "1,8"));
                default -> throw new IllegalArgumentException("unknown section " + section
                        + " (push, mixed, coldstart, sync, ingest)");
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

    /**
     * For each added latency ({@code -Dbench.latencies}, default 0,50,150,300 ms): {@code -Dbench.counts} counts
     * (default 1,000) pushed with the template's defaults (5 workers, PUSH_WINDOW lanes each, one budget of 100/s)
     * against the sandbox limited to 100/s.
     */
    static List<Table> push() {
        int counts = Integer.getInteger("bench.counts", 1_000);
        List<Integer> latencies = new ArrayList<>();
        for (String part : System.getProperty("bench.latencies", "0,50,150,300").split(",")) {
            latencies.add(Integer.parseInt(part.strip()));
        }
        int window = Integer.getInteger("bench.window", UsagePushService.DEFAULT_WINDOW);
        int workers = Integer.getInteger("bench.workers", PushThroughputBench.WORKERS);
        List<Table> tables = new ArrayList<>();
        try (PushThroughputBench bench = PushThroughputBench.start(counts)) {
            // Warm-up (JIT, connections), not reported; every run first waits out the sandbox's one-second window.
            bench.run(0, workers, window, 200, 10_000);
            List<Result> results = new ArrayList<>();
            for (int latency : latencies) {
                Result r = bench.run(latency, workers, window, counts, LIMIT);
                System.out.printf("  %4d ms: %6.1f req/s, max %d in 1 s (sent %d), %d 429s, exact %s, slots leased %d "
                        + "late %d%n", latency, r.requestsPerSecond(), r.maxInAnySecond(), r.maxSentInAnySecond(),
                        r.seen429(), r.countsExact(), r.slotsLeased(), r.slotsLate());
                results.add(r);
            }
            tables.add(PushThroughputBench.table("Push throughput at Gradient's latency: " + counts
                    + " counts per row, " + workers + " workers x " + window
                    + " lanes, one budget of " + LIMIT + "/s, sandbox limited to " + LIMIT
                    + "/s (target: ratio >= 0.95, max in 1 s <= " + LIMIT + ", no 429 failures, counts exact)", results)
                    .note("added latency: every sandbox answer held that long; req/s over the span the sandbox saw "
                            + "requests arrive; max in 1 s and 429s from the sandbox's request log; max sent in 1 s: "
                            + "when our budget granted the permits (the moment each request leaves)")
                    .note("each fence read (partner record) held 3 ms; budget store in memory (the mixed section "
                            + "runs it on the emulated table)"));
        }
        return tables;
    }
}
