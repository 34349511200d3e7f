package io.gradientconnector.localrun.function;

import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.bootstrap.Frames;
import io.gradientconnector.localrun.template.FunctionDefinition;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution environment of a function: a JVM running {@code FunctionBootstrap} with the function's environment
 * variables (a JVM cannot have different ones per function, hence one process per function instance, which is also
 * what Lambda does). It serves one invocation at a time; the function's timeout is enforced by stopping the JVM.
 * Its stderr (the function's logs) is copied to the console tagged with the logical id.
 *
 * <p>Not thread-safe: {@link FunctionPool} hands an instance to one caller at a time. {@link #close()} may be
 * called from any thread.
 */
final class FunctionInstance implements AutoCloseable {

    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(120);

    private final FunctionDefinition function;
    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream frames;
    private final ScheduledExecutorService watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FunctionInstance(FunctionDefinition function, Process process, ScheduledExecutorService watchdog) {
        this.function = function;
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.frames = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.watchdog = watchdog;
    }

    /**
     * Starts the JVM and waits for the handler's construction ("init").
     *
     * @throws FunctionStartException with Lambda's error document when the handler cannot be constructed
     */
    static FunctionInstance start(FunctionDefinition function, FunctionCode code, BootstrapFiles bootstrap,
                                  Map<String, String> environment, ScheduledExecutorService watchdog,
                                  ConsoleLog console) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-cp", bootstrap.classpath(),
                bootstrap.mainClass(), code.asArgument(), function.handler(), function.logicalId(),
                Integer.toString(function.memoryMb())));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FunctionStartException(Frames.errorJson("Runtime.StartError",
                    "cannot start a JVM for " + function.logicalId() + ": " + e.getMessage(), new StackTraceElement[0]));
        }
        pipeLogs(process, function.logicalId(), console);
        FunctionInstance instance = new FunctionInstance(function, process, watchdog);
        ScheduledFuture<?> kill = watchdog.schedule(instance::close, INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            Frames.Frame frame = Frames.readFrame(instance.frames);
            if (frame.kind() != Frames.READY) {
                instance.close();
                throw new FunctionStartException(frame.payload());
            }
            return instance;
        } catch (IOException e) {
            instance.close();
            throw new FunctionStartException(Frames.errorJson("Runtime.ExitError", function.logicalId()
                    + ": the function's JVM exited during init (see its log above)", new StackTraceElement[0]));
        } finally {
            kill.cancel(false);
        }
    }

    /** One invocation; the JVM is stopped if it outlives the function's timeout. */
    InvocationResult invoke(byte[] event) {
        long timeoutMillis = function.timeoutSeconds() * 1000L;
        String requestId = UUID.randomUUID().toString();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            timedOut.set(true);
            close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            Frames.writeRequest(requests, new Frames.Request(requestId, System.currentTimeMillis() + timeoutMillis,
                    event));
            Frames.Frame frame = Frames.readFrame(frames);
            return switch (frame.kind()) {
                case Frames.RESULT -> new InvocationResult(InvocationResult.Status.OK, frame.payload());
                case Frames.ERROR -> new InvocationResult(InvocationResult.Status.FUNCTION_ERROR, frame.payload());
                default -> {
                    close();
                    yield InvocationResult.error(InvocationResult.Status.RUNTIME_ERROR, "Runtime.ProtocolError",
                            "unexpected frame " + frame.kind());
                }
            };
        } catch (IOException e) {
            close();
            if (timedOut.get()) {
                return InvocationResult.error(InvocationResult.Status.TIMEOUT, "Sandbox.Timedout",
                        "Task timed out after " + function.timeoutSeconds() + ".00 seconds");
            }
            return InvocationResult.error(InvocationResult.Status.RUNTIME_ERROR, "Runtime.ExitError",
                    function.logicalId() + ": the function's JVM exited (see its log above)");
        } finally {
            kill.cancel(false);
        }
    }

    boolean isAlive() {
        return !closed.get() && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pipeLogs(Process process, String source, ConsoleLog console) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    console.line(source, line);
                }
            } catch (IOException e) {
                // the process went away
            }
        }, "log-" + source + "-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** The handler could not be constructed; carries Lambda's error document. */
    static final class FunctionStartException extends RuntimeException {
        private final byte[] errorJson;

        FunctionStartException(byte[] errorJson) {
            super(new String(errorJson, StandardCharsets.UTF_8));
            this.errorJson = errorJson.clone();
        }

        byte[] errorJson() {
            return errorJson.clone();
        }
    }
}
