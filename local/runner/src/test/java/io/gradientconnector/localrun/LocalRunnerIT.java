package io.gradientconnector.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The runner on its own test template (test-only handlers in their own JVMs) against a real moto: template
 * resolution, resources, /_local/invoke, the API host, SQS batches with batch item failures and the DLQ, schedules.
 */
class LocalRunnerIT {

    @TempDir
    static Path records;
    private static TestStack.CapturingConsole console;
    private static LocalRunner runner;

    @BeforeAll
    static void start() {
        console = new TestStack.CapturingConsole();
        runner = LocalRunner.start(TestStack.options(records, console.log).build());
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            List<Long> pids = runner.functionPids();
            runner.close();
            for (long pid : pids) {
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "function JVM " + pid + " still running");
            }
        }
    }

    private static URI api(String path) {
        return runner.apiBaseUri().resolve(path);
    }

    private static Http.Response invoke(String function, String event) {
        return Http.send("POST", api("/_local/invoke/" + function), event);
    }

    private static List<String> recorded(String file) {
        try {
            Path path = records.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- resources from the template

    @Test
    void start_shouldCreateTheTemplatesTableWithIndexAndTtl_whenTemplateDeclaresThem() {
        var aws = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(runner.awsEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
        try (aws) {
            String name = runner.resources().ref("Table");
            TableDescription table = aws.describeTable(b -> b.tableName(name)).table();
            assertEquals(runner.options().stackName() + "-Table", name);
            assertEquals("byKind", table.globalSecondaryIndexes().get(0).indexName());
            assertEquals("expiresAt", aws.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription()
                    .attributeName());
        }
    }

    @Test
    void start_shouldCreateQueueWithRedriveToItsDlq_whenTemplateDeclaresOne() {
        try (var sqs = software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(runner.awsEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build()) {
            var attributes = sqs.getQueueAttributes(b -> b.queueUrl(runner.resources().queueUrl("WorkQueue"))
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertEquals("3", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            JsonNode redrive = Http.JSON.valueToTree(parse(attributes.get(QueueAttributeName.REDRIVE_POLICY)));
            assertEquals(runner.resources().attribute("WorkDeadLetterQueue", "Arn"),
                    redrive.path("deadLetterTargetArn").asText());
            assertEquals(2, redrive.path("maxReceiveCount").asInt());
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- /_local/invoke

    @Test
    void invoke_shouldReturnTheHandlersResultWithTheTemplatesEnvironment_whenEventIsJson() {
        Http.Response response = invoke("EchoFunction", "{\"hello\":\"world\"}");

        assertEquals(200, response.status(), response.body());
        JsonNode result = response.json();
        assertEquals("world", result.path("echo").path("hello").asText());
        String stack = runner.options().stackName();
        assertEquals(stack + "-Table", result.path("env").path("TABLE_NAME").asText());
        assertEquals("hello-" + stack, result.path("env").path("GREETING").asText());
        assertEquals(runner.resources().queueUrl("WorkQueue"), result.path("env").path("QUEUE_URL").asText());
        assertTrue(result.path("env").path("SIGNING_SECRET_ID").asText().startsWith("arn:aws:secretsmanager:"));
        assertEquals(runner.awsEndpoint().toString(), result.path("env").path("AWS_ENDPOINT_URL").asText());
        assertEquals(runner.gradientBaseUrl().toString(), result.path("env").path("GRADIENT_BASE_URL").asText());
        assertEquals("EchoFunction", result.path("function").asText());
        assertTrue(result.path("hasTimeLeft").asBoolean());
        assertNotEquals(ProcessHandle.current().pid(), result.path("pid").asLong(), "runs in its own JVM");
    }

    @Test
    void invoke_shouldReturnLambdasErrorDocument_whenHandlerThrows() {
        Http.Response response = invoke("EchoFunction", "{\"fail\":\"please\"}");

        assertEquals(200, response.status());
        assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElse(""));
        assertEquals("java.lang.IllegalStateException", response.json().path("errorType").asText());
        assertEquals("asked to fail: please", response.json().path("errorMessage").asText());
    }

    @Test
    void invoke_shouldReportTimeoutAndStartAFreshJvm_whenHandlerRunsPastItsTimeout() {
        Http.Response slow = invoke("EchoFunction", "{\"sleepMillis\":10000}");

        assertEquals("Sandbox.Timedout", slow.json().path("errorType").asText(), slow.body());
        Http.Response next = invoke("EchoFunction", "{}");
        assertEquals(200, next.status());
        assertEquals("world-less", next.json().path("echo").path("x").asText("world-less"));
    }

    @Test
    void invoke_shouldAnswer404NamingKnownFunctions_whenLogicalIdIsUnknown() {
        Http.Response response = invoke("NoSuchFunction", "{}");

        assertEquals(404, response.status());
        assertTrue(response.json().path("message").asText().contains("EchoFunction"), response.body());
    }

    @Test
    void invoke_shouldAnswer400_whenEventIsNotJson() {
        Http.Response response = invoke("EchoFunction", "{not json");

        assertEquals(400, response.status());
        assertTrue(response.json().path("message").asText().startsWith("the body must be a JSON event"));
    }

    @Test
    void invoke_shouldAnswer503NamingTheArtifact_whenFunctionIsNotBuilt() {
        Http.Response response = invoke("MissingFunction", "{}");

        assertEquals(503, response.status());
        assertTrue(response.json().path("errorMessage").asText().contains("not built in tests"), response.body());
    }

    // ---------------------------------------------------------------- the API host

    @Test
    void api_shouldPassPathQueryHeadersAndKeyToTheHandler_whenKeyIsPresented() {
        Http.Response response = Http.send("GET", api("/items/a%20b?x=1&x=2"), (String) null,
                "x-api-key", TestStack.PORTAL_KEY, "X-Custom", "yes");

        assertEquals(201, response.status(), response.body());
        assertEquals("ApiHandler", response.headers().firstValue("X-Handled-By").orElse(""));
        JsonNode seen = response.json();
        assertEquals("GET", seen.path("method").asText());
        assertEquals("/items/a b", seen.path("path").asText());
        assertEquals("/items/{id}", seen.path("resource").asText());
        assertEquals("a b", seen.path("id").asText());
        assertEquals("2", seen.path("x").asText());
        assertEquals("1|2", seen.path("xs").asText());
        assertEquals("yes", seen.path("custom").asText());
        assertEquals(TestStack.PORTAL_KEY, seen.path("apiKey").asText());
        assertEquals("test", seen.path("stage").asText());
    }

    @Test
    void api_shouldAnswer403_whenKeyIsMissingOrWrong() {
        assertEquals(403, Http.send("GET", api("/items/1"), (String) null).status());
        Http.Response wrong = Http.send("GET", api("/items/1"), (String) null, "x-api-key", "nope");
        assertEquals(403, wrong.status());
        assertEquals("Forbidden", wrong.json().path("message").asText());
    }

    @Test
    void api_shouldServeWithoutKeyAndPassRawBody_whenRouteOptsOut() {
        Http.Response response = Http.send("POST", api("/public/a/b"), "{\"raw\": true}",
                "content-type", "application/json");

        assertEquals(201, response.status(), response.body());
        assertEquals("a/b", response.json().path("proxy").asText());
        assertEquals("{\"raw\": true}", response.json().path("body").asText());
        assertFalse(response.json().path("base64").asBoolean());
    }

    @Test
    void api_shouldPassBase64_whenBodyIsBinary() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        Http.Response response = Http.send("PUT", api("/public/bin"), HttpRequest.BodyPublishers.ofByteArray(binary),
                "content-type", "application/octet-stream");

        assertEquals(201, response.status(), response.body());
        assertTrue(response.json().path("base64").asBoolean());
        assertEquals("//4AAQ==", response.json().path("body").asText());
    }

    @Test
    void api_shouldAnswer404Json_whenNoRouteMatches() {
        Http.Response response = Http.send("GET", api("/nowhere"), (String) null);

        assertEquals(404, response.status());
        assertTrue(response.json().path("message").asText().contains("GET /nowhere"), response.body());
    }

    @Test
    void api_shouldAnswer405_whenRouteExistsForAnotherMethod() {
        Http.Response response = Http.send("DELETE", api("/items/1"), (String) null, "x-api-key",
                TestStack.PORTAL_KEY);

        assertEquals(405, response.status(), response.body());
    }

    // ---------------------------------------------------------------- triggers

    @Test
    void queue_shouldDeleteSucceededMessagesAndDeadLetterReportedFailures_whenHandlerReportsBatchItemFailures() {
        var sqs = sqs();
        String queue = runner.resources().queueUrl("WorkQueue");
        String dlq = runner.resources().queueUrl("WorkDeadLetterQueue");
        for (String body : List.of("ok-1", "ok-2", "poison-1")) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
        }

        Eventually.await(Duration.ofSeconds(60), "poison-1 in the DLQ", () -> !sqs.receiveMessage(b -> b
                .queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages().isEmpty());
        Eventually.await(Duration.ofSeconds(10), "ok-1 and ok-2 recorded", () -> recorded("queue.log").stream()
                .filter(l -> l.startsWith("ok-")).count() >= 2);
        List<String> lines = recorded("queue.log");
        String arn = runner.resources().attribute("WorkQueue", "Arn");
        assertEquals(1, lines.stream().filter(l -> l.startsWith("ok-1 ")).count(), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("ok-2 ")).count(), lines.toString());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("poison-1 ")).count(),
                "delivered maxReceiveCount times: " + lines);
        assertTrue(lines.stream().allMatch(l -> l.split(" ")[1].equals(arn)), "eventSourceARN: " + lines);
        assertTrue(lines.stream().anyMatch(l -> Integer.parseInt(l.split(" ")[2]) > 1),
                "the batching window gathers several messages: " + lines);
    }

    @Test
    void schedule_shouldInvokeShortlyAfterStart_whenTemplateHasARateSchedule() {
        Eventually.await(Duration.ofSeconds(30), "the schedule ran", () -> !recorded("schedule.log").isEmpty());

        assertEquals("aws.scheduler Scheduled Event", recorded("schedule.log").get(0));
    }

    private static software.amazon.awssdk.services.sqs.SqsClient sqs() {
        return software.amazon.awssdk.services.sqs.SqsClient.builder()
                .endpointOverride(runner.awsEndpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .build();
    }
}
