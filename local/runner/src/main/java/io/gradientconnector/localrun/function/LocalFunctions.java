package io.gradientconnector.localrun.function;

import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.template.FunctionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Every function of the template, each behind its own {@link FunctionPool} of JVMs, by logical id. A function whose
 * artifact is not built is listed but answers {@link InvocationResult.Status#UNAVAILABLE} naming what to build.
 * Thread-safe; {@link #close()} stops every function JVM.
 */
public final class LocalFunctions implements FunctionInvoker, AutoCloseable {

    /** Local concurrency of a function when no trigger of the template sets one. */
    public static final int DEFAULT_MAX_INSTANCES = 2;

    private final Map<String, FunctionDefinition> definitions;
    private final Map<String, FunctionPool> pools;
    private final Map<String, String> unavailable;
    private final BootstrapFiles bootstrap;
    private final ScheduledExecutorService watchdog;

    private LocalFunctions(Map<String, FunctionDefinition> definitions, Map<String, FunctionPool> pools,
                           Map<String, String> unavailable, BootstrapFiles bootstrap,
                           ScheduledExecutorService watchdog) {
        this.definitions = definitions;
        this.pools = pools;
        this.unavailable = unavailable;
        this.bootstrap = bootstrap;
        this.watchdog = watchdog;
    }

    /**
     * @param code        the code of a function, empty when it is not built
     * @param whyMissing  the sentence explaining an empty {@code code}
     * @param environment a function's complete process environment
     */
    public static LocalFunctions start(List<FunctionDefinition> functions,
                                       Function<String, Optional<FunctionCode>> code,
                                       Function<String, String> whyMissing,
                                       Function<FunctionDefinition, Map<String, String>> environment,
                                       ConsoleLog console) {
        BootstrapFiles bootstrap = BootstrapFiles.extract();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "function-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, FunctionDefinition> definitions = new LinkedHashMap<>();
        Map<String, FunctionPool> pools = new HashMap<>();
        Map<String, String> unavailable = new HashMap<>();
        for (FunctionDefinition function : functions) {
            definitions.put(function.logicalId(), function);
            Optional<FunctionCode> built = code.apply(function.logicalId());
            if (built.isEmpty()) {
                unavailable.put(function.logicalId(), whyMissing.apply(function.logicalId()));
                continue;
            }
            int max = Math.max(DEFAULT_MAX_INSTANCES, function.queues().stream()
                    .mapToInt(q -> q.maximumConcurrency()).max().orElse(0));
            pools.put(function.logicalId(), new FunctionPool(function, built.get(), bootstrap,
                    environment.apply(function), max, watchdog, console));
        }
        return new LocalFunctions(Map.copyOf(definitions), Map.copyOf(pools), Map.copyOf(unavailable), bootstrap,
                watchdog);
    }

    @Override
    public InvocationResult invoke(String logicalId, byte[] event) {
        FunctionPool pool = pools.get(logicalId);
        if (pool != null) {
            return pool.invoke(event);
        }
        String why = unavailable.get(logicalId);
        if (why != null) {
            return InvocationResult.error(InvocationResult.Status.UNAVAILABLE, "Local.FunctionNotBuilt",
                    logicalId + ": " + why);
        }
        throw new IllegalArgumentException("no function " + logicalId);
    }

    public boolean has(String logicalId) {
        return definitions.containsKey(logicalId);
    }

    public List<String> logicalIds() {
        return List.copyOf(definitions.keySet());
    }

    /** Functions that cannot run, with the reason. */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /** Process ids of every function JVM alive now. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pools.values().forEach(pool -> pids.addAll(pool.pids()));
        return pids;
    }

    @Override
    public void close() {
        pools.values().forEach(FunctionPool::close);
        watchdog.shutdownNow();
        bootstrap.close();
    }
}
