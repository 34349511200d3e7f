package io.gradientconnector.testing;

import io.gradientconnector.adapter.aws.AwsClients;
import io.gradientconnector.lambda.Config;
import io.gradientconnector.adapter.dynamodb.ConnectorTableDefinition;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * JUnit 5 extension giving a test class a real AWS emulator (DynamoDB, SQS, Secrets Manager).
 * Use {@code @RegisterExtension static final AwsEmulator aws = new AwsEmulator();} or
 * {@code @ExtendWith(AwsEmulator.class)} with an {@code AwsEmulator} test/constructor parameter.
 *
 * <p>The endpoint is resolved once per JVM, in this order: {@code AWS_ENDPOINT_URL} if set;
 * LocalStack ({@value EmulatorBackend#LOCALSTACK_IMAGE}) through Testcontainers when Docker is
 * available; a moto server from {@code <connector.root>/.venv/bin/moto_server}. With none of them
 * the test class fails (never skips) saying how to get one. Credentials and region are dummies.
 *
 * <p>Each helper creates uniquely named resources, so test classes (and tests) never share state.
 * Thread-safe.
 */
public final class AwsEmulator implements BeforeAllCallback, ParameterResolver {
    public static final String REGION = "us-east-1";
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    /** A queue and its dead-letter queue. */
    public record TestQueue(String url, String deadLetterUrl) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EmulatorBackend.endpoint();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    public URI endpoint() {
        return EmulatorBackend.endpoint();
    }

    /** The environment a function would see against this emulator, plus {@code extra}. */
    public Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_REGION", REGION);
        env.putAll(extra);
        return env;
    }

    /** A config for this emulator; {@code extra} must contain TABLE_NAME. */
    public Config config(Map<String, String> extra) {
        return Config.from(environment(extra));
    }

    /** Clients shared by every test in this JVM (built once, like a warm Lambda's). */
    public AwsClients clients() {
        return EmulatorBackend.clients();
    }

    public DynamoDbClient dynamoDb() {
        return clients().dynamoDb();
    }

    public SqsClient sqs() {
        return clients().sqs();
    }

    public SecretsManagerClient secretsManager() {
        return clients().secretsManager();
    }

    /** A fresh, uniquely named table with the connector's schema ({@link ConnectorTableDefinition}). */
    public String createTable() {
        String name = uniqueName("connector");
        DynamoDbClient dynamoDb = dynamoDb();
        dynamoDb.createTable(ConnectorTableDefinition.createTableRequest(name));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamoDb.updateTimeToLive(ConnectorTableDefinition.timeToLiveRequest(name));
        return name;
    }

    /** A fresh queue whose messages move to a fresh dead-letter queue after 3 receives. */
    public TestQueue createQueueWithDlq(String prefix) {
        SqsClient sqs = sqs();
        String base = uniqueName(prefix);
        String dlqUrl = sqs.createQueue(CreateQueueRequest.builder().queueName(base + "-dlq").build()).queueUrl();
        String dlqArn = sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
                .queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN).build())
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(CreateQueueRequest.builder()
                .queueName(base)
                .attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                        QueueAttributeName.REDRIVE_POLICY,
                        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}"))
                .build()).queueUrl();
        return new TestQueue(url, dlqUrl);
    }

    /** Creates a secret holding {@code value}; returns its name. */
    public String createSecret(String name, String value) {
        secretsManager().createSecret(CreateSecretRequest.builder().name(name).secretString(value).build());
        return name;
    }

    /** A name no other test uses: {@code prefix-<random>}, lowercase, valid for tables, queues and secrets. */
    public static String uniqueName(String prefix) {
        return prefix.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 12);
    }
}
