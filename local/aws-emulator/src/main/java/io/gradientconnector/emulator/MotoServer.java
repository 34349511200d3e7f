package io.gradientconnector.emulator;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (DynamoDB, SQS, Secrets Manager, ...) started from the project's virtualenv, on 127.0.0.1.
 * Used by {@code shared}'s adapter tests (through {@code AwsEmulator}) and by the local runner ({@code make run}).
 *
 * <p>moto is run through the venv's python with its own entry point and one change: requests are served one at a
 * time. Threaded moto runs TransactWriteItems without isolation (a cancelled transaction restores a snapshot of the
 * whole table, erasing writes other threads committed meanwhile). Real DynamoDB and LocalStack need no such help.
 * A consequence for callers: never long-poll SQS ({@code WaitTimeSeconds > 0}) against it, since a waiting receive
 * holds the only request thread.
 *
 * <p>Thread-safe; {@link #close()} stops the process and anything it started, and is idempotent.
 */
public final class MotoServer implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final String SERIAL_MOTO = String.join("\n",
            "import sys",
            "import moto.server as server",
            "_run_simple = server.run_simple",
            "def _serial(*args, **kwargs):",
            "    kwargs['threaded'] = False",
            "    return _run_simple(*args, **kwargs)",
            "server.run_simple = _serial",
            "server.main(sys.argv[1:])");

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** {@code <root>/.venv}, where {@code make venv} installs moto. */
    public static Path venvOf(Path repositoryRoot) {
        return repositoryRoot.resolve(".venv");
    }

    /** Whether {@code venv} holds a moto installation this class can start. */
    public static boolean installedIn(Path venv) {
        return Files.isExecutable(venv.resolve("bin").resolve("moto_server"))
                && Files.isExecutable(venv.resolve("bin").resolve("python"));
    }

    /**
     * Starts moto from {@code venv} on 127.0.0.1:{@code port} (0 = a free port), writing its output to {@code log},
     * and waits until it answers.
     *
     * @throws IllegalStateException when it cannot start or does not answer within {@link #START_TIMEOUT}
     */
    public static MotoServer start(Path venv, int port, Path log) {
        Objects.requireNonNull(venv, "venv");
        Objects.requireNonNull(log, "log");
        if (!installedIn(venv)) {
            throw new IllegalStateException("moto is not installed in " + venv + "; run `make venv`");
        }
        int chosen = port == 0 ? freePort() : port;
        Process process;
        try {
            process = new ProcessBuilder(List.of(venv.resolve("bin").resolve("python").toString(), "-c", SERIAL_MOTO,
                    "-H", "127.0.0.1", "-p", Integer.toString(chosen)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto from " + venv + "; run `make venv` again", e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + chosen), log);
        server.awaitReady();
        return server;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!answers(endpoint)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + " (port "
                        + endpoint.getPort() + " taken?); see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("moto did not answer within " + START_TIMEOUT + "; see " + log);
            }
            pause();
        }
    }

    private static boolean answers(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polling a starting server process is infrastructure, not a test; a short pause is the simplest wait. */
    private void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
    }

    /** A port free at the time of the call on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port", e);
        }
    }
}
