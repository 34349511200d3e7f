package io.gradientconnector.accountsync;

import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.TestEvents;
import io.gradientconnector.domain.PartnerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog is deployment configuration: the worker's cold start (its handler's constructor, i.e. a SnapStart
 * version's publication) reads the object named by SERVICE_CATALOG_BUCKET/KEY from the emulator's S3 and validates
 * it; a bad catalog fails right there, naming the object, the entry and the field.
 */
class ServiceCatalogColdStartIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String ENTRY = "{\"key\":\"seats\",\"name\":\"Backup seats\",\"description\":\"d\","
            + "\"category\":\"backup\",\"subcategory\":\"%s\",\"skus\":[\"seat-ws\",\"seat-srv\"]}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Components components(String json) {
        String bucket = AwsEmulator.uniqueName("vendor-config");
        AWS.clients().s3().createBucket(b -> b.bucket(bucket));
        AWS.clients().s3().putObject(b -> b.bucket(bucket).key("catalogs/v1.json"),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
        return Components.create(AWS.environment(Map.of(
                "TABLE_NAME", AWS.createTable(),
                "SYNC_QUEUE_URL", "https://sqs.local/unused",
                "VENDOR_KEY_SECRET_ID", "unused",
                "PARTNER_SECRET_PREFIX", "unused/",
                "SERVICE_CATALOG_BUCKET", bucket,
                "SERVICE_CATALOG_KEY", "catalogs/v1.json")), SyncWorkerHandler.FUNCTION, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void coldStart_shouldLoadTheCatalogFromS3_andFileASkusUsageUnderItsService() {
        Components components = components("[" + ENTRY.formatted("cloud backup") + "]");

        new SyncWorkerHandler(components);

        assertEquals(ServiceKey.of("seats"), components.catalog().rowService(ServiceKey.of("seat-srv")));
        PartnerId partner = TestEvents.uniquePartner();
        components.stores().journal().record(TestEvents.add("e1", partner, "acct", "seat-ws", "2", 1));
        components.stores().journal().record(TestEvents.add("e2", partner, "acct", "seat-srv", "3", 2));
        LedgerRow row = components.stores().ledger().get(UsageRowKey.of(partner.value(), "acct", "seats"))
                .orElseThrow();
        assertEquals(0, BigDecimal.valueOf(5).compareTo(row.sum()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("service catalog loaded"));
    }

    @Test
    void coldStart_shouldFailNamingTheObjectEntryAndField_whenTheCatalogIsInvalid() {
        Components components = components("[" + ENTRY.formatted("Cloud Backup") + "]");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SyncWorkerHandler(components));

        assertTrue(e.getMessage().matches("the service catalog s3://vendor-config-[0-9a-f-]+/catalogs/v1\\.json is"
                + " invalid: service catalog entry 0 \\(key \"seats\"\\), field \"subcategory\": \"Cloud Backup\" is"
                + " not a Gradient subcategory.*"), e.getMessage());
    }
}
