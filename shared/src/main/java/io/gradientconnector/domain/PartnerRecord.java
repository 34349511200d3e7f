package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A partner integration. The fields up to {@code updatedAt} are written by
 * the partner store's {@code save}; the bookkeeping fields ({@code lastSyncAt}, {@code lastPushAt},
 * {@code lastError}) only by the record methods, so the two never overwrite each other.
 *
 * @param version the stored version this record was read at (0 = not stored yet)
 */
public record PartnerRecord(
        PartnerId partnerId,
        PartnerStatus status,
        Optional<String> gradientStatus,
        Optional<String> organizationId,
        Optional<String> organizationName,
        Optional<String> integrationId,
        Optional<String> keyFingerprint,
        Optional<Instant> connectedAt,
        Instant updatedAt,
        Optional<Instant> lastSyncAt,
        Optional<Instant> lastPushAt,
        Optional<String> lastError,
        long version) {

    public PartnerRecord {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gradientStatus, "gradientStatus");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(organizationName, "organizationName");
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(keyFingerprint, "keyFingerprint");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(lastSyncAt, "lastSyncAt");
        Objects.requireNonNull(lastPushAt, "lastPushAt");
        Objects.requireNonNull(lastError, "lastError");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** A builder for a partner not stored yet (version 0, status PENDING). */
    public static Builder builder(PartnerId partnerId, Instant now) {
        return new Builder(partnerId, now);
    }

    /** A builder starting from this record; keeps its version so {@code save} detects lost updates. */
    public Builder toBuilder() {
        Builder b = new Builder(partnerId, updatedAt);
        b.status = status;
        b.gradientStatus = gradientStatus;
        b.organizationId = organizationId;
        b.organizationName = organizationName;
        b.integrationId = integrationId;
        b.keyFingerprint = keyFingerprint;
        b.connectedAt = connectedAt;
        b.lastSyncAt = lastSyncAt;
        b.lastPushAt = lastPushAt;
        b.lastError = lastError;
        b.version = version;
        return b;
    }

    PartnerRecord withVersion(long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    /** Builder; unset optional fields are empty. */
    public static final class Builder {
        private final PartnerId partnerId;
        private PartnerStatus status = PartnerStatus.PENDING;
        private Optional<String> gradientStatus = Optional.empty();
        private Optional<String> organizationId = Optional.empty();
        private Optional<String> organizationName = Optional.empty();
        private Optional<String> integrationId = Optional.empty();
        private Optional<String> keyFingerprint = Optional.empty();
        private Optional<Instant> connectedAt = Optional.empty();
        private Instant updatedAt;
        private Optional<Instant> lastSyncAt = Optional.empty();
        private Optional<Instant> lastPushAt = Optional.empty();
        private Optional<String> lastError = Optional.empty();
        private long version;

        private Builder(PartnerId partnerId, Instant updatedAt) {
            this.partnerId = partnerId;
            this.updatedAt = updatedAt;
        }

        public Builder status(PartnerStatus value) {
            this.status = value;
            return this;
        }

        public Builder gradientStatus(String value) {
            this.gradientStatus = Optional.ofNullable(value);
            return this;
        }

        public Builder organizationId(String value) {
            this.organizationId = Optional.ofNullable(value);
            return this;
        }

        public Builder organizationName(String value) {
            this.organizationName = Optional.ofNullable(value);
            return this;
        }

        public Builder integrationId(String value) {
            this.integrationId = Optional.ofNullable(value);
            return this;
        }

        public Builder keyFingerprint(String value) {
            this.keyFingerprint = Optional.ofNullable(value);
            return this;
        }

        public Builder connectedAt(Instant value) {
            this.connectedAt = Optional.ofNullable(value);
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder lastSyncAt(Optional<Instant> value) {
            this.lastSyncAt = value;
            return this;
        }

        public Builder lastPushAt(Optional<Instant> value) {
            this.lastPushAt = value;
            return this;
        }

        public Builder lastError(Optional<String> value) {
            this.lastError = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public PartnerRecord build() {
            return new PartnerRecord(partnerId, status, gradientStatus, organizationId, organizationName, integrationId,
                    keyFingerprint, connectedAt, updatedAt, lastSyncAt, lastPushAt, lastError, version);
        }
    }
}
