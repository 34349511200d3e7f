package io.gradientconnector.testing;

import io.gradientconnector.aws.AwsClients;
import io.gradientconnector.config.Config;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

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
import java.util.Map;

/**
 * The one AWS emulator of this test JVM: resolved on first use, shared by every test class, and
 * stopped by a shutdown hook if this JVM started it. A failed resolution is remembered, so every
 * later test class fails with the same message instead of retrying. Thread-safe.
 */
final class EmulatorBackend {
    static final String LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";
    private static final Duration MOTO_START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * moto_server's own entry point, with one change: requests are served one at a time. Threaded
     * moto runs TransactWriteItems without isolation (a cancelled transaction restores a snapshot of
     * the whole table, erasing writes other threads committed meanwhile), which would break every
     * concurrency test. Real DynamoDB and LocalStack need no such help.
     */
    private static final String SERIAL_MOTO = String.join("\n",
            "import sys",
            "import moto.server as server",
            "_run_simple = server.run_simple",
            "def _serial(*args, **kwargs):",
            "    kwargs['threaded'] = False",
            "    return _run_simple(*args, **kwargs)",
            "server.run_simple = _serial",
            "server.main(sys.argv[1:])");

    private static URI endpoint;
    private static RuntimeException failure;
    private static AwsClients clients;

    private EmulatorBackend() {
    }

    static synchronized URI endpoint() {
        if (endpoint == null && failure == null) {
            try {
                endpoint = resolve();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return endpoint;
    }

    static synchronized AwsClients clients() {
        if (clients == null) {
            Config config = Config.from(Map.of(
                    "TABLE_NAME", "unused",
                    "AWS_REGION", AwsEmulator.REGION,
                    "AWS_ENDPOINT_URL", endpoint().toString()));
            clients = AwsClients.create(config, AwsEmulator.CREDENTIALS);
        }
        return clients;
    }

    private static URI resolve() {
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured.strip());
        }
        if (dockerAvailable()) {
            return startLocalStack();
        }
        Path motoServer = motoServerPath();
        if (Files.isExecutable(motoServer)) {
            return startMoto(motoServer);
        }
        throw new IllegalStateException("No AWS emulator for the adapter tests. Run `make venv` (installs moto into "
                + ".venv), or set AWS_ENDPOINT_URL to a running emulator, or start Docker (LocalStack). Looked for "
                + motoServer);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static URI startLocalStack() {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(LOCALSTACK_IMAGE))
                .withServices("dynamodb", "sqs", "secretsmanager");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
        return container.getEndpoint();
    }

    private static Path motoServerPath() {
        String root = System.getProperty("connector.root");
        Path base = root == null || root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root);
        return base.resolve(".venv").resolve("bin").resolve("moto_server");
    }

    private static URI startMoto(Path motoServer) {
        int port = freePort();
        Path log;
        try {
            log = Files.createTempFile("moto-server-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the moto log file", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(motoServer.resolveSibling("python").toString(), "-c", SERIAL_MOTO,
                    "-H", "127.0.0.1", "-p", Integer.toString(port)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + motoServer + "; run `make venv` again", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "moto-stop"));
        URI uri = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plus(MOTO_START_TIMEOUT);
        while (!answers(uri)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                stop(process);
                throw new IllegalStateException("moto_server did not answer within " + MOTO_START_TIMEOUT + "; see " + log);
            }
            pause();
        }
        return uri;
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
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto_server", e);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port for moto_server", e);
        }
    }
}
