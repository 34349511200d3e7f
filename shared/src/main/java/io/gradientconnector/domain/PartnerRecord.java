package io.gradientconnector.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A partner integration. The fields up to {@code updatedAt} (and {@code retiredKeyFingerprint}) are written by
 * the partner store's {@code save}; the bookkeeping fields ({@code lastSyncAt}, {@code lastPushAt},
 * {@code lastError}) only by the record methods, so the two never overwrite each other.
 *
 * <p><b>The key fence.</b> {@code keyFingerprint} names the one key every Gradient call for this partner must use
 * (docs/GUARANTEES.md): a cached key is used only if its fingerprint equals it, and a call is made only while the
 * status is not DISCONNECTED. Storing a new key changes the fingerprint; a disconnection removes it. Both are
 * version-guarded saves, so the record read right before a call is the fence check.
 *
 * @param keyFingerprint        the fingerprint of the current partner key; empty when disconnected
 * @param retiredKeyFingerprint a disconnection could not yet set Gradient's integration {@code inactive}: the
 *                              fingerprint of the retired key (kept in the vault until that call succeeds), which the
 *                              sync worker uses for nothing but that call; empty otherwise
 * @param version               the stored version this record was read at (0 = not stored yet)
 */
public record PartnerRecord(
        PartnerId partnerId,
        PartnerStatus status,
        Optional<String> gradientStatus,
        Optional<String> organizationId,
        Optional<String> organizationName,
        Optional<String> integrationId,
        Optional<String> keyFingerprint,
        Optional<String> retiredKeyFingerprint,
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
        Objects.requireNonNull(retiredKeyFingerprint, "retiredKeyFingerprint");
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
        b.retiredKeyFingerprint = retiredKeyFingerprint;
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

    /** Connected (PENDING, ACTIVE or NEEDS_KEY) with a current key: Gradient may be called with that key. */
    public boolean hasCurrentKey() {
        return status != PartnerStatus.DISCONNECTED && keyFingerprint.isPresent();
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
        private Optional<String> retiredKeyFingerprint = Optional.empty();
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

        public Builder retiredKeyFingerprint(String value) {
            this.retiredKeyFingerprint = Optional.ofNullable(value);
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
                    keyFingerprint, retiredKeyFingerprint, connectedAt, updatedAt, lastSyncAt, lastPushAt, lastError, version);
        }
    }
}
