package io.gradientconnector.localrun.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Puts a service catalog where the template's {@code ServiceCatalogBucket} / {@code ServiceCatalogKey} point, as a
 * vendor does before deploying (docs/CATALOG.md): the functions then read it from the emulator's S3 exactly as they
 * read the vendor's object in AWS. {@code make run} uploads the repository's example catalog. Not thread-safe; used
 * once at start.
 */
public final class ServiceCatalogUpload {
    /** The example catalog, relative to the repository root. */
    public static final String EXAMPLE = "shared/src/main/resources/service-catalog.json";
    public static final String BUCKET_PARAMETER = "ServiceCatalogBucket";
    public static final String KEY_PARAMETER = "ServiceCatalogKey";
    public static final String LOCAL_KEY = "catalogs/example.json";

    private ServiceCatalogUpload() {
    }

    /** The bucket the runner uses for {@code stackName} (a valid bucket name). */
    public static String localBucket(String stackName) {
        String name = (stackName + "-catalog").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    /** Creates the bucket if needed and puts {@code file} under {@code key}; returns a line for the banner. */
    public static String upload(AwsConnection aws, String bucket, String key, Path file) {
        Objects.requireNonNull(aws, "aws");
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service catalog " + file, e);
        }
        try {
            aws.s3().createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // a reused emulator (AWS_ENDPOINT_URL) keeps it
        }
        aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(json));
        return "AWS::S3 object s3://" + bucket + "/" + key + " (the service catalog, from " + file.getFileName() + ")";
    }
}
