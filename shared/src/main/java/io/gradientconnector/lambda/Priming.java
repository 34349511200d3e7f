package io.gradientconnector.lambda;

import io.gradientconnector.app.events.VendorEventParser;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushRequest;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.PendingDeliveries;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.SyncQueue;
import io.gradientconnector.port.UsageQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The bodies of {@link SnapStartPriming}'s steps ({@link Components#primingSteps()} picks which run). Every input is
 * a placeholder made here (partner {@value #PARTNER}, the delivery in {@code priming/vendor-events.json}); nothing is
 * sent: the AWS calls run inside {@code AwsClients.offline}, which stops each just before transmission, and every
 * failure that stop causes is expected and ignored. Stateless.
 */
final class Priming {
    static final String PARTNER = "priming-partner";
    private static final String DELIVERY = "/priming/vendor-events.json";
    private static final int WEBHOOK_BODY_LIMIT = 256 * 1024;
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream(), false,
            StandardCharsets.UTF_8);

    /** The SDK clients to prime (null: the function does not use it) and a table name for the requests' shape. */
    record Aws(DynamoDbClient dynamoDb, SqsClient sqs, SecretsManagerClient secretsManager, String table) {
    }

    private Priming() {
    }

    /** JSON lines and EMF metrics, written to nowhere: the formatting paths, not the container's own log. */
    static void logAndMetrics(String function, Clock clock) {
        JsonLog log = JsonLog.builder().function(function).out(DISCARD).clock(clock).level(JsonLog.Level.DEBUG).build();
        log.with("partnerId", PARTNER).with("count", 3).with("ratio", 0.5).with("cold", true).info("priming");
        log.warn("priming", new IllegalStateException("a representative failure"));
        JsonLogging.systemLogger(log, "io.gradientconnector.gradient").log(System.Logger.Level.INFO,
                "priming {0}", "the client's retry line");
        // No metric is recorded here: each metric has one source per function (docs/OPERATIONS.md).
        Metrics.builder().function(function).out(DISCARD).clock(clock).build().flush();
    }

    /**
     * Jackson: a representative delivery parsed (when this function parses deliveries), answers written. The
     * delivery names the bundled example's SKUs, so it is parsed against that catalog, never the deployed one (whose
     * SKUs are the vendor's): the parser's code paths are the same.
     */
    static void json(Optional<ServiceCatalog> catalog, Clock clock) {
        byte[] delivery = delivery();
        new JsonBodies(WEBHOOK_BODY_LIMIT).readObject(delivery);
        catalog.ifPresent(deployed -> {
            ServiceCatalog example = ServiceCatalogFile.example();
            if (!(VendorEventParser.create(example, clock).parse(delivery) instanceof VendorEventParser.Parsed)) {
                throw new IllegalStateException("the priming delivery did not parse");
            }
        });
        ApiResponses responses = ApiResponses.standard();
        responses.json(202, Map.of("accepted", 4, "duplicates", 1, "pending", 0));
        responses.error(ApiError.of(400, "invalid_request", "priming"));
    }

    /** The stores' and queues' calls, each stopped before it is sent (the failure that causes is expected). */
    static void aws(Aws aws, Optional<ConnectorStores> stores, Optional<PendingDeliveries> deliveries,
                    Optional<UsageQueue> usageQueue, Optional<SyncQueue> syncQueue, Optional<AlertQueue> alertQueue,
                    Clock clock) {
        PartnerId partner = PartnerId.of(PARTNER);
        AccountId account = AccountId.of("acct-1001");
        ServiceKey service = ServiceKey.of("backup-server");
        VendorEvent.UsageSet event = new VendorEvent.UsageSet(EventId.of("priming-1"), partner,
                Instant.parse("2024-12-31T23:59:00Z"), account, service, Quantity.of(12));
        stores.ifPresent(s -> {
            attempt(() -> s.partners().get(partner));
            attempt(() -> s.ledger().get(new UsageRowKey(partner, account, service)));
            attempt(() -> s.accounts().get(partner, account));
            attempt(() -> s.journal().record(event));
        });
        deliveries.ifPresent(d -> {
            attempt(() -> d.stage(new StagedDelivery("0".repeat(64), Instant.parse("2025-01-01T00:00:00Z"),
                    List.of(event))));
            attempt(() -> d.stagedBefore(clock.instant(), 1));
        });
        usageQueue.ifPresent(q -> attempt(() -> q.enqueue(List.of(new PushRequest(partner, account, service)))));
        syncQueue.ifPresent(q -> attempt(() -> q.enqueue(new SyncRequest(partner, SyncReason.MANUAL))));
        alertQueue.ifPresent(q -> {
            AlertRef alert = new AlertRef(partner, EventId.of("priming-alert"), Instant.parse("2025-01-01T00:00:00Z"));
            attempt(() -> q.enqueue(List.of(alert)));
            attempt(() -> q.enqueueLater(alert, Duration.ofSeconds(5)));
        });
        if (aws.dynamoDb() != null) {
            // The version-guarded transaction every event commits, its marshaller included.
            attempt(() -> aws.dynamoDb().transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                    .put(Put.builder().tableName(aws.table()).item(Map.of("pk", AttributeValue.fromS("priming"),
                            "sk", AttributeValue.fromS("priming"))).conditionExpression("attribute_not_exists(pk)")
                            .build()).build())));
        }
        if (aws.secretsManager() != null) {
            // A placeholder name, stopped before it is sent: never a real secret, never a partner key.
            attempt(() -> aws.secretsManager().getSecretValue(b -> b.secretId("priming-placeholder")));
        }
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // The call was stopped before it was sent (or failed on the placeholder): what was to load has loaded.
        }
    }

    private static byte[] delivery() {
        try (InputStream in = Priming.class.getResourceAsStream(DELIVERY)) {
            if (in == null) {
                throw new IllegalStateException(DELIVERY + " is missing from the artifact");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
