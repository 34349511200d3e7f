package io.gradientconnector.localrun.aws;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The runner's own clients for the emulator at {@code endpoint}, with dummy credentials, and the environment each
 * function gets so that its clients reach the same emulator. Thread-safe (the SDK clients are); {@link #close()}
 * closes them.
 */
public final class AwsConnection implements AutoCloseable {

    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";

    private final URI endpoint;
    private final String region;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final SecretsManagerClient secretsManager;
    private final S3Client s3;

    private AwsConnection(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        Region awsRegion = Region.of(region);
        this.dynamoDb = DynamoDbClient.builder().endpointOverride(endpoint).region(awsRegion)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.sqs = SqsClient.builder().endpointOverride(endpoint).region(awsRegion)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.secretsManager = SecretsManagerClient.builder().endpointOverride(endpoint).region(awsRegion)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(awsRegion).forcePathStyle(true)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static AwsConnection create(URI endpoint, String region) {
        return new AwsConnection(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(region, "region"));
    }

    public URI endpoint() {
        return endpoint;
    }

    public String region() {
        return region;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager;
    }

    public S3Client s3() {
        return s3;
    }

    /** What Lambda (plus the emulator's endpoint) puts in a function's environment for the AWS SDK. */
    public Map<String, String> functionEnvironment() {
        return Map.of(
                "AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", region,
                "AWS_DEFAULT_REGION", region,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    @Override
    public void close() {
        dynamoDb.close();
        sqs.close();
        secretsManager.close();
        s3.close();
    }
}
