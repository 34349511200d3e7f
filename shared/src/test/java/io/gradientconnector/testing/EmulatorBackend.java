package io.gradientconnector.testing;

import io.gradientconnector.lambda.Components;

import io.gradientconnector.adapter.aws.AwsClients;
import io.gradientconnector.lambda.Config;
import io.gradientconnector.emulator.MotoServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one AWS emulator of this test JVM: resolved on first use, shared by every test class, and
 * stopped by a shutdown hook if this JVM started it. A failed resolution is remembered, so every
 * later test class fails with the same message instead of retrying. Thread-safe.
 */
final class EmulatorBackend {
    static final String LOCALSTACK_IMAGE = "localstack/localstack:4.14.0";

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
            clients = Components.awsClients(config, AwsEmulator.CREDENTIALS);
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
        Path venv = venvPath();
        if (MotoServer.installedIn(venv)) {
            return startMoto(venv);
        }
        throw new IllegalStateException("No AWS emulator for the adapter tests. Run `make venv` (installs moto into "
                + ".venv), or set AWS_ENDPOINT_URL to a running emulator, or start Docker (LocalStack). Looked for "
                + venv.resolve("bin").resolve("moto_server"));
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

    private static Path venvPath() {
        String root = System.getProperty("connector.root");
        Path base = root == null || root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root);
        return MotoServer.venvOf(base);
    }

    /** moto, served one request at a time: see {@link MotoServer} for why. */
    private static URI startMoto(Path venv) {
        Path log;
        try {
            log = Files.createTempFile("moto-server-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the moto log file", e);
        }
        MotoServer moto = MotoServer.start(venv, 0, log);
        Runtime.getRuntime().addShutdownHook(new Thread(moto::close, "moto-stop"));
        return moto.endpoint();
    }
}
