package io.gradientconnector.localrun.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.localrun.template.Intrinsics;
import io.gradientconnector.localrun.template.SamTemplate;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates on the emulator the resources of the template that the functions use: every DynamoDB table (keys,
 * global secondary indexes, TTL), every SQS queue (visibility timeout, retention, delay, redrive policy to its
 * dead-letter queue) and every Secrets Manager secret. Physical names are {@code <stack>-<LogicalId>}. Running it
 * against an emulator that already has them (a reused {@code AWS_ENDPOINT_URL}) keeps them.
 *
 * <p>Secret values: a secret that a function's environment variable names ({@code X_SECRET_ID: !Ref Secret}) gets
 * the value given for that variable in {@code secretValues}; otherwise its {@code SecretString}; otherwise, with
 * {@code GenerateSecretString}, a random alphanumeric string; otherwise none. Not thread-safe; used once at start.
 */
public final class StackProvisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SamTemplate template;
    private final Intrinsics intrinsics;
    private final LocalResources resources;
    private final AwsConnection aws;
    private final Map<String, String> secretValues;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secretValues environment variable name → the value of the secret it names (e.g.
     *                     {@code VENDOR_KEY_SECRET_ID} → the vendor key)
     */
    public StackProvisioner(SamTemplate template, Intrinsics intrinsics, LocalResources resources, AwsConnection aws,
                            Map<String, String> secretValues) {
        this.template = Objects.requireNonNull(template, "template");
        this.intrinsics = Objects.requireNonNull(intrinsics, "intrinsics");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.aws = Objects.requireNonNull(aws, "aws");
        this.secretValues = Map.copyOf(secretValues);
    }

    /** Creates everything; returns one line per resource for the banner. */
    public List<String> provision() {
        List<String> lines = new ArrayList<>();
        for (String id : template.resourcesOfType(SamTemplate.TABLE)) {
            lines.add(createTable(id));
        }
        lines.addAll(createQueues());
        for (String id : template.resourcesOfType(SamTemplate.SECRET)) {
            lines.add(createSecret(id));
        }
        return lines;
    }

    // ---------------------------------------------------------------- DynamoDB

    private String createTable(String id) {
        Map<String, Object> properties = resolved(id);
        String name = properties.containsKey("TableName") ? String.valueOf(properties.get("TableName"))
                : resources.physicalName(id);
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .attributeDefinitions(maps(properties.get("AttributeDefinitions")).stream()
                        .map(a -> AttributeDefinition.builder().attributeName(str(a.get("AttributeName")))
                                .attributeType(str(a.get("AttributeType"))).build()).toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        boolean onDemand = !"PROVISIONED".equals(properties.get("BillingMode"));
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(properties));
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Map<String, Object> index : maps(properties.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> projection = map(index.get("Projection"));
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(str(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(str(projection.getOrDefault("ProjectionType", "ALL")))
                            .nonKeyAttributes(strings(projection.get("NonKeyAttributes"))).build());
            if (!onDemand) {
                gsi.provisionedThroughput(throughput(index));
            }
            indexes.add(gsi.build());
        }
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        String arn;
        try {
            arn = aws.dynamoDb().createTable(request.build()).tableDescription().tableArn();
            aws.dynamoDb().waiter().waitUntilTableExists(b -> b.tableName(name));
            Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
            if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
                aws.dynamoDb().updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(
                        t -> t.attributeName(str(ttl.get("AttributeName"))).enabled(true)));
            }
        } catch (ResourceInUseException exists) {
            TableDescription table = aws.dynamoDb().describeTable(b -> b.tableName(name)).table();
            arn = table.tableArn();
        }
        resources.put(id, SamTemplate.TABLE, name, Map.of("Arn", arn, "StreamArn", arn + "/stream/local"));
        return "table " + id + " -> " + name;
    }

    private static List<KeySchemaElement> keySchema(Object node) {
        return maps(node).stream().map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName")))
                .keyType(str(k.get("KeyType"))).build()).toList();
    }

    private static ProvisionedThroughput throughput(Map<String, Object> owner) {
        Map<String, Object> throughput = map(owner.get("ProvisionedThroughput"));
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(str(throughput.getOrDefault("ReadCapacityUnits", "5"))))
                .writeCapacityUnits(Long.parseLong(str(throughput.getOrDefault("WriteCapacityUnits", "5"))))
                .build();
    }

    // ---------------------------------------------------------------- SQS

    /** Queues in dependency order: a queue is created once the dead-letter queue its redrive policy names exists. */
    private List<String> createQueues() {
        List<String> pending = new ArrayList<>(template.resourcesOfType(SamTemplate.QUEUE));
        List<String> lines = new ArrayList<>();
        while (!pending.isEmpty()) {
            String ready = pending.stream().filter(id -> dependenciesCreated(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("queues whose redrive policies form a cycle "
                            + "or name a queue outside the template: " + pending));
            lines.add(createQueue(ready));
            pending.remove(ready);
        }
        return lines;
    }

    private boolean dependenciesCreated(String id) {
        Object target = map(template.properties(id).get("RedrivePolicy")).get("deadLetterTargetArn");
        Object getAtt = map(target).get("Fn::GetAtt");
        if (getAtt instanceof List<?> parts && !parts.isEmpty()) {
            return resources.isCreated(String.valueOf(parts.get(0)));
        }
        return true;
    }

    private String createQueue(String id) {
        Map<String, Object> properties = resolved(id);
        boolean fifo = Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue")));
        String name = properties.containsKey("QueueName") ? str(properties.get("QueueName"))
                : resources.physicalName(id) + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        copy(properties, "VisibilityTimeout", attributes, QueueAttributeName.VISIBILITY_TIMEOUT);
        copy(properties, "MessageRetentionPeriod", attributes, QueueAttributeName.MESSAGE_RETENTION_PERIOD);
        copy(properties, "DelaySeconds", attributes, QueueAttributeName.DELAY_SECONDS);
        copy(properties, "MaximumMessageSize", attributes, QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
        copy(properties, "ReceiveMessageWaitTimeSeconds", attributes,
                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            copy(properties, "ContentBasedDeduplication", attributes, QueueAttributeName.CONTENT_BASED_DEDUPLICATION);
        }
        Object redrive = properties.get("RedrivePolicy");
        if (redrive != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, redrive instanceof String s ? s : json(redrive));
        }
        String url;
        try {
            url = aws.sqs().createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        } catch (QueueNameExistsException exists) {
            url = aws.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
            String existing = url;
            aws.sqs().setQueueAttributes(b -> b.queueUrl(existing).attributes(attributes));
        }
        String queueUrl = url;
        String arn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        resources.put(id, SamTemplate.QUEUE, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
        return "queue " + id + " -> " + url + (redrive == null ? "" : " (redrive " + json(redrive) + ")");
    }

    private static void copy(Map<String, Object> properties, String property, Map<QueueAttributeName, String> into,
                             QueueAttributeName attribute) {
        Object value = properties.get(property);
        if (value != null) {
            into.put(attribute, SamTemplate.scalar(value));
        }
    }

    // ---------------------------------------------------------------- Secrets Manager

    private String createSecret(String id) {
        Map<String, Object> properties = resolved(id);
        String name = properties.containsKey("Name") ? str(properties.get("Name")) : resources.physicalName(id);
        String value = valueFor(id, properties);
        String arn;
        try {
            CreateSecretRequest.Builder request = CreateSecretRequest.builder().name(name);
            if (value != null) {
                request.secretString(value);
            }
            arn = aws.secretsManager().createSecret(request.build()).arn();
        } catch (ResourceExistsException exists) {
            if (value != null) {
                aws.secretsManager().putSecretValue(b -> b.secretId(name).secretString(value));
            }
            arn = aws.secretsManager().describeSecret(b -> b.secretId(name)).arn();
        }
        resources.put(id, SamTemplate.SECRET, arn, Map.of("Id", arn));
        return "secret " + id + " -> " + name + (value == null ? " (no value)" : "");
    }

    private String valueFor(String id, Map<String, Object> properties) {
        for (String variable : variablesNaming(id)) {
            if (secretValues.containsKey(variable)) {
                return secretValues.get(variable);
            }
        }
        if (properties.get("SecretString") != null) {
            return str(properties.get("SecretString"));
        }
        Map<String, Object> generate = map(properties.get("GenerateSecretString"));
        if (!generate.isEmpty() || properties.containsKey("GenerateSecretString")) {
            int length = Integer.parseInt(str(generate.getOrDefault("PasswordLength", "32")));
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
            }
            return out.toString();
        }
        return null;
    }

    /** Environment variables of any function (Globals included) that are {@code !Ref <id>}. */
    private List<String> variablesNaming(String id) {
        List<String> names = new ArrayList<>();
        for (String function : template.resourcesOfType(SamTemplate.FUNCTION)) {
            Map<String, Object> variables = map(map(template.effectiveFunction(function).get("Environment"))
                    .get("Variables"));
            variables.forEach((name, value) -> {
                if (id.equals(map(value).get("Ref")) && !names.contains(name)) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> resolved(String id) {
        return map(intrinsics.resolve(template.properties(id)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> out.add(map(item)));
        }
        return out;
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
    }

    private static String str(Object value) {
        return SamTemplate.scalar(value);
    }

    private static String json(Object value) {
        try {
            Map<String, Object> ordered = new LinkedHashMap<>(map(value));
            return JSON.writeValueAsString(ordered.isEmpty() ? value : ordered);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }
}
