package io.gradientconnector.accountsync;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.app.sync.SyncSandbox;
import io.gradientconnector.app.sync.SyncSandbox.TestPartner;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.FakeLambdaContext;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changing the catalog and redeploying, end to end: the catalog objects live in the emulator's S3, each "deploy" is
 * a new composition root naming another key (as a new function version does), syncs run through the worker's
 * handler against the Gradient sandbox. The new catalog's services are created at the next sync; a service removed
 * from it stops being pushed (its rows stay in the ledger and are reported), and its Gradient service is left alone.
 */
class ServiceCatalogRedeployIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String SEATS = "{\"key\":\"seats\",\"name\":\"Redeploy Seats\",\"description\":\"d\","
            + "\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"skus\":[\"seat-ws\",\"seat-srv\"]}";
    private static final String EDR = "{\"key\":\"edr\",\"name\":\"Redeploy EDR\",\"description\":\"d\","
            + "\"category\":\"security\",\"subcategory\":\"endpoint detection and response (EDR)\"}";
    private static final String STORAGE = "{\"key\":\"storage\",\"name\":\"Redeploy Storage GB\",\"description\":\"d\","
            + "\"category\":\"infrastructure\",\"subcategory\":\"cloud storage\",\"skus\":[\"storage-bytes\"],"
            + "\"unit\":{\"from\":\"bytes\",\"to\":\"GB\",\"rounding\":\"up\"}}";

    private static SyncSandbox sandbox;
    private static String bucket;
    private static String table;
    private static String vendorSecret;
    private static String partnerPrefix;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        sandbox = SyncSandbox.start();
        bucket = AwsEmulator.uniqueName("vendor-config");
        AWS.clients().s3().createBucket(b -> b.bucket(bucket));
        put("catalogs/v1.json", "[" + SEATS + "," + EDR + "]");
        put("catalogs/v2.json", "[" + SEATS + "," + STORAGE + "]");
        table = AWS.createTable();
        vendorSecret = AWS.createSecret(AwsEmulator.uniqueName("vendor-key"), SyncSandbox.VENDOR_KEY);
        partnerPrefix = AwsEmulator.uniqueName("partners") + "/";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static void put(String key, String json) {
        AWS.clients().s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(json, StandardCharsets.UTF_8));
    }

    /** What a deployed function version with {@code ServiceCatalogKey=key} builds at its cold start. */
    private Components deployed(String key) {
        return Components.create(AWS.environment(Map.of(
                "TABLE_NAME", table,
                "SYNC_QUEUE_URL", "https://sqs.local/unused",
                "VENDOR_KEY_SECRET_ID", vendorSecret,
                "PARTNER_SECRET_PREFIX", partnerPrefix,
                "SECRETS_CACHE_TTL_SECONDS", "0",
                "GRADIENT_BASE_URL", sandbox.baseUrl(),
                "GRADIENT_RATE_LIMIT_PER_SECOND", "10000",
                "SERVICE_CATALOG_BUCKET", bucket,
                "SERVICE_CATALOG_KEY", key)), SyncWorkerHandler.FUNCTION, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static void sync(SyncWorkerHandler handler, TestPartner partner) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-" + System.nanoTime());
        message.setBody(QueueMessages.toJson(new SyncRequest(partner.id(), SyncReason.MANUAL)));
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        SQSBatchResponse response = handler.handleRequest(event, new FakeLambdaContext(300_000));
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    private static Map<String, BigDecimal> counts(TestPartner partner) {
        Map<String, BigDecimal> counts = new TreeMap<>();
        for (UnitCount count : sandbox.control().counts()) {
            if (count.integrationId().equals(partner.integrationId())) {
                counts.put(count.serviceName(), count.unitCount().stripTrailingZeros());
            }
        }
        return counts;
    }

    private static void mapEverything(ConnectorStores stores, TestPartner partner) {
        sandbox.control().mapAccount(partner.integrationId(), "acct-1");
        stores.catalog().all().values().forEach(id -> sandbox.control().mapService(partner.integrationId(), id));
    }

    @Test
    void redeploy_shouldCreateTheNewServices_andStopPushingTheRemovedOne_leavingItInGradient() {
        Components v1 = deployed("catalogs/v1.json");
        SyncWorkerHandler worker1 = new SyncWorkerHandler(v1);
        ConnectorStores stores1 = v1.stores();
        TestPartner partner = sandbox.connect(stores1, v1.keyVault(), v1.clock(), "Redeploy MSP");
        sandbox.upsertAccount(stores1, partner.id(), "acct-1", "Acme Dental", TestEvents.t(1));
        stores1.journal().record(TestEvents.set("v1-a", partner.id(), "acct-1", "seat-ws", "3", 2));
        stores1.journal().record(TestEvents.set("v1-b", partner.id(), "acct-1", "seat-srv", "4", 3));
        stores1.journal().record(TestEvents.set("v1-c", partner.id(), "acct-1", "edr", "5", 4));
        sync(worker1, partner);
        mapEverything(stores1, partner);
        sync(worker1, partner);
        assertEquals(Map.of("Redeploy EDR", BigDecimal.valueOf(5), "Redeploy Seats", BigDecimal.valueOf(7)),
                counts(partner));
        String edrServiceId = stores1.catalog().gradientServiceId(ServiceKey.of("edr")).orElseThrow();
        // Accepted under v1, not pushed yet when v2 is deployed.
        stores1.journal().record(TestEvents.set("v1-d", partner.id(), "acct-1", "edr", "6", 5));

        Components v2 = deployed("catalogs/v2.json");
        SyncWorkerHandler worker2 = new SyncWorkerHandler(v2);
        ConnectorStores stores2 = v2.stores();
        stores2.journal().record(TestEvents.set("v2-a", partner.id(), "acct-1", "seat-ws", "10", 6));
        stores2.journal().record(TestEvents.set("v2-b", partner.id(), "acct-1", "storage-bytes",
                Long.toString(2L * 1024 * 1024 * 1024 + 5), 7));
        long since = sandbox.lastSeq();
        sync(worker2, partner);
        mapEverything(stores2, partner);
        sync(worker2, partner);

        assertEquals(Map.of("Redeploy EDR", BigDecimal.valueOf(5), "Redeploy Seats", BigDecimal.valueOf(14),
                "Redeploy Storage GB", BigDecimal.valueOf(3)), counts(partner), "EDR keeps its last pushed count");
        List<RecordedRequest> after = sandbox.requestsOf(partner.integrationId(), since);
        assertEquals(List.of(), after.stream().filter(r -> r.path().contains(edrServiceId)).toList(),
                "no call for the removed service");
        assertTrue(stores2.ledger().get(io.gradientconnector.domain.UsageRowKey.of(partner.id().value(), "acct-1", "edr"))
                .orElseThrow().needsPush(), "its row stays in the ledger, unpushed");
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("service no longer in the catalog") && log.contains("\"serviceKey\":\"edr\""), log);
        assertTrue(log.contains("\"removedServiceRows\""), log);
    }
}
