package io.gradientconnector.bench.coldstart;

import io.gradientconnector.bench.Table;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start: for each function artifact and for the hello-world baseline, {@code runs} fresh JVMs each handle one
 * event from {@code events/} ({@link FirstEvent}); the time is from {@code ProcessBuilder.start()} to the child's mark,
 * i.e. JVM start, class loading, the handler's init and the first event's real work (against the AWS emulator and the
 * sandbox that {@link ColdStartWorld} prepares). Runs are interleaved (run 1 of every target, then run 2, ...) after
 * one unreported warm-up each, so drift on the machine hits all targets alike. Reports the median, the ratio to the
 * baseline's median, init and handle medians as the child saw them, loaded classes and the artifact's size.
 *
 * <p>JVM options: the template's {@code JAVA_TOOL_OPTIONS} (C1 only), plus {@code -Dbench.jvmOptions} if given
 * (e.g. to try a CDS archive). Not thread-safe.
 */
public final class ColdStartBench {

    /** One function (or the baseline) and the event it handles. */
    record Target(String name, Path artifact, String handler, Path event) {
    }

    record Sample(double totalMs, double initMs, double handleMs, double primeMs, int classes, String outcome) {
    }

    static final String TEMPLATE_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private static final Pattern MARK = Pattern.compile(FirstEvent.MARK
            + " (\\S+) init_ms=([0-9.]+) handle_ms=([0-9.]+) prime_ms=([0-9.]+)");

    /** The last child's stderr, kept for when a child fails. */
    private static final Path STDERR = Path.of(System.getProperty("java.io.tmpdir"), "cold-start-child.err");

    private ColdStartBench() {
    }

    /**
     * {@code cds}: each target also gets its own AppCDS archive ({@code -XX:+AutoCreateSharedArchive}, written by the
     * warm-up run's exit under {@code target/bench/cds/}), so the measured runs load classes from it. The baseline
     * gets one too, so the ratio stays fair.
     */
    public static List<Table> run(Path root, int runs, boolean cds) {
        return run(root, runs, cds, false);
    }

    /**
     * {@code primed}: each run also launches every target with {@code -Dbench.primed=true}, which runs the function's
     * SnapStart priming hooks (beforeCheckpoint, then afterRestore) after init; the time from then to the first
     * handled event stands in for a restored SnapStart container's first event (no CRaC JVM here to take a real
     * checkpoint), compared with the same for hello-world. A second table and a summary report it.
     */
    public static List<Table> run(Path root, int runs, boolean cds, boolean primed) {
        Path bootstrap = root.resolve("local/bench/target/bench-bootstrap.jar");
        Path hello = root.resolve("local/bench/target/bench-hello.jar");
        requireFile(bootstrap);
        requireFile(hello);
        try (ColdStartWorld world = ColdStartWorld.start(root)) {
            List<Target> targets = new ArrayList<>();
            targets.add(new Target("hello-world", hello, "io.gradientconnector.bench.hello.HelloHandler",
                    root.resolve("events/partner-key/get-integration.json")));
            targets.addAll(world.targets());
            Map<Target, List<Sample>> samples = new LinkedHashMap<>();
            Map<Target, List<Sample>> primedSamples = new LinkedHashMap<>();
            targets.forEach(t -> samples.put(t, new ArrayList<>()));
            targets.forEach(t -> primedSamples.put(t, new ArrayList<>()));
            for (int run = 0; run <= runs; run++) {
                for (Target target : targets) {
                    Path event = world.prepare(target);
                    Sample sample = launch(target, event, bootstrap, world.environment(), cds ? cdsOptions(root, target) : "");
                    if (run > 0) {
                        samples.get(target).add(sample);
                    }
                    System.out.printf(Locale.ROOT, "  %s %-22s %7.0f ms (init %5.0f, handle %5.0f) %s%n",
                            run == 0 ? "warm-up" : "run " + run, target.name(), sample.totalMs(), sample.initMs(),
                            sample.handleMs(), sample.outcome());
                    if (primed) {
                        Path again = world.prepare(target);
                        Sample p = launch(target, again, bootstrap, world.environment(),
                                ("-D" + FirstEvent.PRIMED + "=true " + (cds ? cdsOptions(root, target) : "")).strip());
                        if (run > 0) {
                            primedSamples.get(target).add(p);
                        }
                        System.out.printf(Locale.ROOT, "  %s %-22s primed %5.0f ms, then first event %5.0f ms %s%n",
                                run == 0 ? "warm-up" : "run " + run, target.name(), p.primeMs(), p.handleMs(),
                                p.outcome());
                    }
                }
            }
            double baseline = median(samples.get(targets.get(0)).stream().mapToDouble(Sample::totalMs).toArray());
            Table table = new Table("Cold start" + (cds ? " with an AppCDS archive per artifact" : "")
                    + ": fresh JVM to first handled event, median of " + runs + " runs (target: within 1.5x of hello-world)",
                    "function", "handler", "event", "median ms", "ratio", "min ms", "max ms", "init ms", "handle ms",
                    "classes", "artifact MB", "outcome");
            for (Target target : targets) {
                List<Sample> s = samples.get(target);
                double med = median(s.stream().mapToDouble(Sample::totalMs).toArray());
                table.row(target.name(), target.handler().substring(target.handler().lastIndexOf('.') + 1),
                        root.relativize(target.event()).toString(), med, med / baseline,
                        s.stream().mapToDouble(Sample::totalMs).min().orElse(0),
                        s.stream().mapToDouble(Sample::totalMs).max().orElse(0),
                        median(s.stream().mapToDouble(Sample::initMs).toArray()),
                        median(s.stream().mapToDouble(Sample::handleMs).toArray()),
                        s.get(s.size() - 1).classes(), megabytes(target.artifact()), s.get(s.size() - 1).outcome());
            }
            table.note("JAVA_TOOL_OPTIONS=" + javaToolOptions() + (cds ? " -XX:+AutoCreateSharedArchive "
                    + "-XX:SharedArchiveFile=target/bench/cds/<function>.jsa" : "") + "; " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.runtime.version") + "; " + Runtime.getRuntime().availableProcessors()
                    + " cores");
            table.note("init = handler class load + no-arg constructor; handle = event read + first handleRequest "
                    + "(AWS emulator and sandbox calls included)");
            if (!primed) {
                return List.of(table);
            }
            double helloFirstEvent = median(primedSamples.get(targets.get(0)).stream().mapToDouble(Sample::handleMs)
                    .toArray());
            Table restore = new Table("Cold start after priming" + (cds ? " (AppCDS)" : "") + ": first event after the "
                    + "SnapStart hooks ran in place (restore proxy; no CRaC JVM here), median of " + runs + " runs",
                    "function", "fresh JVM ms", "fresh ratio", "first event after priming ms", "restore-proxy ratio",
                    "priming ms", "outcome");
            for (Target target : targets) {
                List<Sample> plain = samples.get(target);
                List<Sample> p = primedSamples.get(target);
                double fresh = median(plain.stream().mapToDouble(Sample::totalMs).toArray());
                double first = median(p.stream().mapToDouble(Sample::handleMs).toArray());
                restore.row(target.name(), fresh, fresh / baseline, first, first / helloFirstEvent,
                        median(p.stream().mapToDouble(Sample::primeMs).toArray()), p.get(p.size() - 1).outcome());
            }
            restore.note("restore proxy = a JVM that already ran init and the priming hooks (beforeCheckpoint + "
                    + "afterRestore) handles its first event: what a SnapStart restore skips (JVM start, class "
                    + "loading, init, primed paths) is left out; what it keeps (the first event's own work, the "
                    + "runtime's event deserialisation) is in. Its ratio divides by hello-world's first event measured "
                    + "the same way. A real restore adds the snapshot's own restore time, which only Lambda shows");
            restore.note("checked on this machine: no JDK under /usr/lib/jvm accepts -XX:CRaCCheckpointTo (Temurin 25 "
                    + "and OpenJDK 17 have no CRaC), so no real checkpoint/restore is measured");
            return List.of(table, restore);
        }
    }

    static String javaToolOptions() {
        String extra = System.getProperty("bench.jvmOptions", "").strip();
        return extra.isEmpty() ? TEMPLATE_JAVA_TOOL_OPTIONS : TEMPLATE_JAVA_TOOL_OPTIONS + " " + extra;
    }

    private static String cdsOptions(Path root, Target target) {
        Path archive = root.resolve("target/bench/cds").resolve(target.name().replaceAll("[^A-Za-z0-9-]+", "-") + ".jsa");
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=" + archive;
    }

    private static Sample launch(Target target, Path event, Path bootstrap, Map<String, String> env, String extra) {
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(javaBinary, "-cp", target.artifact() + File.pathSeparator
                + bootstrap, FirstEvent.class.getName(), target.handler(), event.toString())
                .redirectError(ProcessBuilder.Redirect.to(STDERR.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("JAVA_TOOL_OPTIONS", (javaToolOptions() + " " + extra).strip());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + javaBinary, e);
        }
        double total = -1;
        double init = 0;
        double handle = 0;
        double prime = 0;
        int classes = 0;
        String outcome = "no mark";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (total < 0 && line.startsWith(FirstEvent.MARK)) {
                    total = (System.nanoTime() - start) / 1e6;
                    Matcher m = MARK.matcher(line);
                    if (m.find()) {
                        outcome = m.group(1);
                        init = Double.parseDouble(m.group(2));
                        handle = Double.parseDouble(m.group(3));
                        prime = Double.parseDouble(m.group(4));
                    }
                } else if (line.startsWith(FirstEvent.CLASSES)) {
                    classes = Integer.parseInt(line.substring(FirstEvent.CLASSES.length()).strip());
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (total < 0) {
            throw new IllegalStateException(target.name() + " exited with " + process.exitValue()
                    + " before handling its event (its stderr: " + STDERR + "); command: "
                    + String.join(" ", builder.command()));
        }
        return new Sample(total, init, handle, prime, classes, outcome);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double megabytes(Path file) {
        try {
            return Math.round(Files.size(file) / 1024.0 / 1024.0 * 100) / 100.0;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build first (make bench does)");
        }
    }
}
