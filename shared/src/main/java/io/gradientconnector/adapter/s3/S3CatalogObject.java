package io.gradientconnector.adapter.s3;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Objects;

/**
 * Reads the vendor's service catalog object from S3 (one {@code GetObject}, once per container, at cold start).
 * Failures become an {@link IllegalStateException} naming the object and the reason, never a partial read:
 * the cold start fails loudly instead of every request failing later. Stateless; thread-safe.
 */
public final class S3CatalogObject {
    /** Far above any real catalog (a few hundred bytes per service); a bigger object is a mistake. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final S3Client client;

    public S3CatalogObject(S3Client client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The object's bytes. */
    public byte[] read(String bucket, String key) {
        String where = "s3://" + bucket + "/" + key;
        byte[] bytes;
        try {
            bytes = client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new IllegalStateException("the service catalog " + where + " does not exist (upload it, then deploy"
                    + " with ServiceCatalogBucket/ServiceCatalogKey naming it)", e);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "status " + e.statusCode() : e.awsErrorDetails().errorCode();
            throw new IllegalStateException("cannot read the service catalog " + where + ": " + code, e);
        } catch (SdkException e) {
            throw new IllegalStateException("cannot read the service catalog " + where + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalStateException("the service catalog " + where + " is " + bytes.length
                    + " bytes; at most " + MAX_BYTES + " are read");
        }
        return bytes;
    }
}
