package io.gradientconnector.vendorevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.domain.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The handler as Lambda builds it (its {@link Components} wiring) against the emulator's DynamoDB, SQS and Secrets
 * Manager: accepted deliveries are in the table and on the queue; every rejected one leaves both untouched.
 */
class VendorEventsHandlerIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String CURRENT = "it-current-secret-0123456789";
    private static final String PREVIOUS = "it-previous-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String table;
    private static AwsEmulator.TestQueue queue;
    private static Map<String, String> env;

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PartnerId partner = PartnerId.of("partner-it-" + System.nanoTime());
    private VendorEventsHandler handler;

    @BeforeAll
    static void createResources() {
        table = AWS.createTable();
        queue = AWS.createQueueWithDlq("usage");
        env = new HashMap<>();
        env.put("TABLE_NAME", table);
        env.put("USAGE_QUEUE_URL", queue.url());
        // Every function sees the template's one environment; this function never reads these secrets.
        env.put("VENDOR_KEY_SECRET_ID", AwsEmulator.uniqueName("vendor-unused"));
        env.put("PARTNER_SECRET_PREFIX", AwsEmulator.uniqueName("partners") + "/");
        env.put("WEBHOOK_SECRET_ID", AWS.createSecret(AwsEmulator.uniqueName("webhook"),
                "{\"current\":\"" + CURRENT + "\",\"previous\":\"" + PREVIOUS + "\"}"));
    }

    @BeforeEach
    void setUp() {
        Components components = Components.create(AWS.environment(env), VendorEventsHandler.FUNCTION, clock,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        components.stores().partners().save(PartnerRecord.builder(partner, clock.instant())
                .status(PartnerStatus.PENDING).build());
        handler = new VendorEventsHandler(components);
        receive(); // start every test with an empty queue
    }

    @AfterEach
    void noSecretWritten() {
        String written = out.toString(StandardCharsets.UTF_8);
        assertFalse(written.contains(CURRENT) || written.contains(PREVIOUS));
    }

    private String usage(String id, String type, String quantity) {
        return ("{'id':'" + id + "','type':'" + type + "','partnerId':'" + partner.value()
                + "','occurredAt':'2025-03-01T11:59:00Z','accountId':'acct 1#x','service':'backup-server','quantity':"
                + quantity + "}").replace('\'', '"');
    }

    private APIGatewayProxyResponseEvent post(String body, String secret, Instant signedAt) {
        return handler.handleRequest(WebhookEvents.signed(body, secret, signedAt), null);
    }

    private int tableItems() {
        return AWS.dynamoDb().scan(b -> b.tableName(table).select(Select.COUNT).consistentRead(true)).count();
    }

    private List<Message> receive() {
        List<Message> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<Message> got = AWS.sqs().receiveMessage(b -> b.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (got.isEmpty()) {
                break;
            }
            got.forEach(m -> AWS.sqs().deleteMessage(d -> d.queueUrl(queue.url()).receiptHandle(m.receiptHandle())));
            all.addAll(got);
        }
        return all;
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws IOException {
        return JSON.readTree(response.getBody());
    }

    @Test
    void handleRequest_shouldRecordAndQueue_whenADeliveryIsSignedAndValid() throws IOException {
        int before = tableItems();
        String body = "{\"events\":[" + usage("it-1", "usage.set", "5") + "," + usage("it-2", "usage.add", "2.5") + "]}";

        APIGatewayProxyResponseEvent response = post(body, CURRENT, clock.instant());

        assertEquals(202, response.getStatusCode());
        assertEquals(2, body(response).path("accepted").asInt());
        assertEquals(before + 4, tableItems(), "2 de-duplication rows, the ledger row and its account");
        List<PushRequest> queued = receive().stream().map(m -> QueueMessages.parsePushRequest(m.body())).toList();
        assertEquals(List.of(new PushRequest(partner, io.gradientconnector.domain.AccountId.of("acct 1#x"),
                io.gradientconnector.domain.ServiceKey.of("backup-server"))), queued.stream().distinct().toList());

        APIGatewayProxyResponseEvent again = post(body, PREVIOUS, clock.instant());
        assertEquals(202, again.getStatusCode());
        assertEquals(2, body(again).path("duplicates").asInt());
        assertEquals(before + 4, tableItems(), "a redelivery writes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "quantity as a string | \"'7'\"   | quantity",
            "negative quantity    | -1        | quantity",
            "seven decimals       | 0.0000001 | quantity",
    })
    void handleRequest_shouldAnswer400AndWriteNothing_whenAQuantityIsMalformed(String name, String quantity, String field)
            throws IOException {
        int before = tableItems();
        String body = "{\"events\":[" + usage("ok-" + name.hashCode(), "usage.set", "1") + ","
                + usage("bad-" + name.hashCode(), "usage.set", quantity.replace('\'', '"')) + "]}";

        APIGatewayProxyResponseEvent response = post(body, CURRENT, clock.instant());

        assertEquals(400, response.getStatusCode());
        assertEquals("events[1]." + field, body(response).path("field").asText());
        assertEquals(before, tableItems());
        assertTrue(receive().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "unknown type      | \"usage.set\"        | \"usage.reset\"           | type",
            "unknown service   | \"backup-server\"    | \"backup-tape\"           | service",
            "bad partner       | \"partnerId\":\"     | \"partnerId\":\"../../    | partnerId",
            "no offset         | 11:59:00Z\"         | 11:59:00\"               | occurredAt",
            "future            | 11:59:00Z\"         | 12:06:00Z\"              | occurredAt",
            "unknown field     | \"quantity\":        | \"price\":1,\"quantity\": | price",
            "missing account   | \"accountId\":       | \"accountRef\":           | accountRef",
    })
    void handleRequest_shouldAnswer400AndWriteNothing_whenAnEventIsMalformed(String name, String from, String to,
                                                                            String field) throws IOException {
        int before = tableItems();
        String body = usage("m-" + name.hashCode(), "usage.set", "1").replace(from, to);

        APIGatewayProxyResponseEvent response = post(body, CURRENT, clock.instant());

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("\"" + field + "\""), response.getBody());
        assertEquals(before, tableItems());
        assertTrue(receive().isEmpty());
    }

    @Test
    void handleRequest_shouldAnswer400AndWriteNothing_whenTheBodyIsNotJson() {
        int before = tableItems();

        APIGatewayProxyResponseEvent response = post("{\"events\":[", CURRENT, clock.instant());

        assertEquals(400, response.getStatusCode());
        assertEquals(before, tableItems());
    }

    @Test
    void handleRequest_shouldAnswer401AndWriteNothing_whenTheSignatureUsesAnotherSecret() throws IOException {
        int before = tableItems();

        APIGatewayProxyResponseEvent response = post(usage("s-1", "usage.set", "1"), "someone-else", clock.instant());

        assertEquals(401, response.getStatusCode());
        assertEquals(WebhookSignature.SIGNATURE_HEADER, body(response).path("field").asText());
        assertEquals(before, tableItems());
        assertTrue(receive().isEmpty());
    }

    @Test
    void handleRequest_shouldAnswer401AndWriteNothing_whenTheTimestampIsStale() throws IOException {
        int before = tableItems();

        APIGatewayProxyResponseEvent response = post(usage("s-2", "usage.set", "1"), CURRENT,
                clock.instant().minusSeconds(301));

        assertEquals(401, response.getStatusCode());
        assertEquals(WebhookSignature.TIMESTAMP_HEADER, body(response).path("field").asText());
        assertEquals(before, tableItems());
    }

    @Test
    void handleRequest_shouldAnswer413AndWriteNothing_whenTheBodyIsTooLarge() {
        int before = tableItems();
        APIGatewayProxyRequestEvent event = WebhookEvents.signed("{\"pad\":\"" + "x".repeat(300 * 1024) + "\"}",
                CURRENT, clock.instant());

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertEquals(413, response.getStatusCode());
        assertEquals(before, tableItems());
    }
}
