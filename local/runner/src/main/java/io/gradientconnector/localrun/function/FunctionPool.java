package io.gradientconnector.localrun.function;

import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.template.FunctionDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The execution environments of one function: started on demand (a cold start), reused while warm, at most
 * {@code maxInstances} at once; a caller waits for a free one beyond that, like Lambda's concurrency limit.
 * Thread-safe.
 */
final class FunctionPool implements AutoCloseable {

    private final FunctionDefinition function;
    private final FunctionCode code;
    private final BootstrapFiles bootstrap;
    private final Map<String, String> environment;
    private final ScheduledExecutorService watchdog;
    private final ConsoleLog console;
    private final Semaphore slots;
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final List<FunctionInstance> all = new ArrayList<>();
    private boolean closed;

    FunctionPool(FunctionDefinition function, FunctionCode code, BootstrapFiles bootstrap,
                 Map<String, String> environment, int maxInstances, ScheduledExecutorService watchdog,
                 ConsoleLog console) {
        this.function = function;
        this.code = code;
        this.bootstrap = bootstrap;
        this.environment = Map.copyOf(environment);
        this.watchdog = watchdog;
        this.console = console;
        this.slots = new Semaphore(maxInstances, true);
    }

    InvocationResult invoke(byte[] event) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InvocationResult.error(InvocationResult.Status.RUNTIME_ERROR, "Runtime.Interrupted",
                    "the runner is stopping");
        }
        try {
            FunctionInstance instance;
            try {
                instance = take();
            } catch (FunctionInstance.FunctionStartException e) {
                return new InvocationResult(InvocationResult.Status.RUNTIME_ERROR, e.errorJson());
            }
            if (instance == null) {
                return InvocationResult.error(InvocationResult.Status.RUNTIME_ERROR, "Runtime.Stopped",
                        "the runner is stopping");
            }
            InvocationResult result = instance.invoke(event);
            giveBack(instance);
            return result;
        } finally {
            slots.release();
        }
    }

    /** How many JVMs this function has now (for tests and the shutdown check). */
    synchronized List<Long> pids() {
        return all.stream().filter(FunctionInstance::isAlive).map(FunctionInstance::pid).toList();
    }

    private FunctionInstance take() {
        synchronized (this) {
            if (closed) {
                return null;
            }
            while (!idle.isEmpty()) {
                FunctionInstance warm = idle.pop();
                if (warm.isAlive()) {
                    return warm;
                }
                all.remove(warm);
            }
        }
        console.line(function.logicalId(), "cold start: a new JVM for " + function.handler());
        FunctionInstance fresh = FunctionInstance.start(function, code, bootstrap, environment, watchdog, console);
        synchronized (this) {
            if (closed) {
                fresh.close();
                return null;
            }
            all.add(fresh);
        }
        return fresh;
    }

    private synchronized void giveBack(FunctionInstance instance) {
        if (closed || !instance.isAlive()) {
            all.remove(instance);
            instance.close();
            return;
        }
        idle.push(instance);
    }

    @Override
    public void close() {
        List<FunctionInstance> toStop;
        synchronized (this) {
            closed = true;
            toStop = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        toStop.forEach(FunctionInstance::close);
    }
}
