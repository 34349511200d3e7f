package io.gradientconnector.adapter.s3;

import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog object read from the emulator's S3, as every function does at cold start. */
class S3CatalogObjectIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String COMPOSITE = "[{\"key\":\"seats\",\"name\":\"Seats\",\"description\":\"d\","
            + "\"category\":\"backup\",\"subcategory\":\"cloud backup\",\"skus\":[\"seat-ws\",\"seat-srv\"]}]";

    private final S3Client s3 = AWS.clients().s3();

    private String bucketWith(String key, String json) {
        String bucket = AwsEmulator.uniqueName("catalog").toLowerCase();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(json, StandardCharsets.UTF_8));
        return bucket;
    }

    @Test
    void read_shouldReturnTheObjectsBytes_whichParseIntoTheCatalog() {
        String bucket = bucketWith("catalogs/v1.json", COMPOSITE);

        byte[] bytes = new S3CatalogObject(s3).read(bucket, "catalogs/v1.json");

        assertArrayEquals(COMPOSITE.getBytes(StandardCharsets.UTF_8), bytes);
        ServiceCatalog catalog = ServiceCatalogFile.parse(bytes);
        assertEquals(ServiceKey.of("seats"), catalog.rowService(ServiceKey.of("seat-srv")));
    }

    @Test
    void read_shouldNameTheObject_whenItDoesNotExist() {
        String bucket = bucketWith("catalogs/v1.json", COMPOSITE);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new S3CatalogObject(s3).read(bucket, "catalogs/v2.json"));

        assertTrue(e.getMessage().startsWith("the service catalog s3://" + bucket + "/catalogs/v2.json does not exist"),
                e.getMessage());
    }

    @Test
    void read_shouldNameTheObject_whenTheBucketDoesNotExist() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new S3CatalogObject(s3).read("no-such-catalog-bucket", "c.json"));

        assertTrue(e.getMessage().contains("s3://no-such-catalog-bucket/c.json"), e.getMessage());
    }
}
