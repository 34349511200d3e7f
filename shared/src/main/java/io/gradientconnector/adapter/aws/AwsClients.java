package io.gradientconnector.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The AWS SDK clients of one process, each built once, on first use, and reused for every request
 * (building a client per request costs tens of milliseconds and a new connection pool). All of them
 * share one {@link UrlConnectionHttpClient} (the lightest SDK transport, best for cold start).
 * Region comes from {@code AWS_REGION}; {@code AWS_ENDPOINT_URL}, when set, points every client at
 * an emulator. Credentials default to the Lambda environment's variables (no provider chain walk).
 *
 * <p>{@link #offline} runs calls that go through a client's whole request path — marshalling, endpoint rules,
 * signing — and are stopped just before the HTTP request is sent: SnapStart priming (docs/DEPLOY.md) loads those
 * classes without calling AWS. Only calls made by the thread inside {@link #offline} are stopped. Thread-safe.
 */
public final class AwsClients implements AutoCloseable {
    private final Region region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient httpClient;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SecretsManagerClient> secretsManager;
    private final Lazy<SqsClient> sqs;
    private final Lazy<S3Client> s3;
    /** The thread whose calls are stopped before transmission (inside {@link #offline}), or null. */
    private volatile Thread offlineThread;
    private final ExecutionInterceptor offlineGuard = new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (Thread.currentThread() == offlineThread) {
                throw new NotSentException();
            }
        }
    };

    private AwsClients(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
        this.dynamoDb = new Lazy<>(() -> configure(DynamoDbClient.builder().httpClient(httpClient)).build());
        this.secretsManager = new Lazy<>(() -> configure(SecretsManagerClient.builder().httpClient(httpClient)).build());
        this.sqs = new Lazy<>(() -> configure(SqsClient.builder().httpClient(httpClient)).build());
        // Path-style addressing on an emulator (no per-bucket host names on 127.0.0.1).
        this.s3 = new Lazy<>(() -> configure(S3Client.builder().httpClient(httpClient)
                .forcePathStyle(endpoint.isPresent())).build());
    }

    /** Clients for the Lambda runtime: credentials from the environment Lambda sets. */
    public static AwsClients create(String region, Optional<URI> endpoint) {
        return create(region, endpoint, EnvironmentVariableCredentialsProvider.create());
    }

    /** Clients with explicit credentials (the local runner and tests pass dummy ones for the emulator). */
    public static AwsClients create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        return new AwsClients(Region.of(region), endpoint, credentials);
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /** Only the service catalog's one read at cold start uses it. */
    public S3Client s3() {
        return s3.get();
    }

    /**
     * Runs {@code calls} with every AWS call they make on this thread stopped just before it would be sent (it
     * fails with an {@link SdkClientException} that the stores turn into their usual failure); other threads'
     * calls are untouched. For priming only: nothing reaches AWS.
     */
    public synchronized void offline(Runnable calls) {
        offlineThread = Thread.currentThread();
        try {
            calls.run();
        } finally {
            offlineThread = null;
        }
    }

    /** Thrown instead of sending a request inside {@link #offline}; never retried. */
    static final class NotSentException extends SdkClientException {
        NotSentException() {
            super(SdkClientException.builder().message("not sent: priming runs offline"));
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.addExecutionInterceptor(offlineGuard));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        dynamoDb.closeIfBuilt();
        secretsManager.closeIfBuilt();
        sqs.closeIfBuilt();
        s3.closeIfBuilt();
        httpClient.close();
    }

    /** Builds its value once, on first use, even under concurrent first calls. */
    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = factory.get();
                        value = result;
                    }
                }
            }
            return result;
        }

        void closeIfBuilt() {
            T result = value;
            if (result != null) {
                try {
                    result.close();
                } catch (Exception e) {
                    // Closing only releases connections at shutdown; there is nothing left to do on failure.
                }
            }
        }
    }
}
