package io.gradientconnector.testing;

import java.util.Objects;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;

import io.gradientconnector.domain.PartnerId;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** {@link PartnerStore} in memory, with the same version rules as the DynamoDB one. Thread-safe. */
public final class InMemoryPartnerStore implements PartnerStore {
    private final NavigableMap<String, PartnerRecord> partners = new TreeMap<>();

    public static InMemoryPartnerStore create() {
        return new InMemoryPartnerStore();
    }

    @Override
    public synchronized Optional<PartnerRecord> get(PartnerId partnerId) {
        return Optional.ofNullable(partners.get(partnerId.value()));
    }

    @Override
    public synchronized Page<PartnerRecord> list(Optional<String> cursor, int limit) {
        return InMemoryLedgerData.page(partners, "", cursor, limit, p -> true);
    }

    @Override
    public synchronized Page<PartnerRecord> listByStatus(PartnerStatus status, Optional<String> cursor, int limit) {
        Objects.requireNonNull(status, "status");
        return InMemoryLedgerData.page(partners, "", cursor, limit, p -> p.status() == status);
    }

    @Override
    public synchronized SaveResult save(PartnerRecord partner) {
        PartnerRecord current = partners.get(partner.partnerId().value());
        long storedVersion = current == null ? 0 : current.version();
        if (storedVersion != partner.version()) {
            return new SaveResult.Conflict();
        }
        PartnerRecord saved = partner.toBuilder()
                .lastSyncAt(current == null ? Optional.empty() : current.lastSyncAt())
                .lastPushAt(current == null ? Optional.empty() : current.lastPushAt())
                .lastError(current == null ? Optional.empty() : current.lastError())
                .version(storedVersion + 1)
                .build();
        partners.put(partner.partnerId().value(), saved);
        return new SaveResult.Saved(saved);
    }

    @Override
    public synchronized boolean markNeedsKey(PartnerId partnerId, String keyFingerprint, String error, Instant at) {
        PartnerRecord current = partners.get(partnerId.value());
        if (current == null || current.status() == PartnerStatus.DISCONNECTED
                || !current.keyFingerprint().equals(Optional.of(keyFingerprint))) {
            return false;
        }
        partners.put(partnerId.value(), current.toBuilder().status(PartnerStatus.NEEDS_KEY).updatedAt(at)
                .lastError(Optional.of(PartnerStore.truncate(error))).version(current.version() + 1).build());
        return true;
    }

    @Override
    public synchronized boolean markActive(PartnerId partnerId, String keyFingerprint, Instant at) {
        PartnerRecord current = partners.get(partnerId.value());
        if (current == null || current.status() != PartnerStatus.PENDING
                || !current.keyFingerprint().equals(Optional.of(keyFingerprint))) {
            return false;
        }
        partners.put(partnerId.value(), current.toBuilder().status(PartnerStatus.ACTIVE).gradientStatus("active")
                .updatedAt(at).version(current.version() + 1).build());
        return true;
    }

    @Override
    public synchronized boolean markDisconnected(PartnerId partnerId, Instant at) {
        PartnerRecord current = partners.get(partnerId.value());
        if (current == null) {
            return false;
        }
        partners.put(partnerId.value(), current.toBuilder().status(PartnerStatus.DISCONNECTED).keyFingerprint(null)
                .updatedAt(at).version(current.version() + 1).build());
        return true;
    }

    @Override
    public synchronized boolean recordSync(PartnerId partnerId, Instant at, Optional<String> error) {
        PartnerRecord current = partners.get(partnerId.value());
        if (current == null) {
            return false;
        }
        partners.put(partnerId.value(), current.toBuilder().lastSyncAt(Optional.of(at))
                .lastError(error.map(PartnerStore::truncate)).build());
        return true;
    }

    @Override
    public synchronized boolean recordPush(PartnerId partnerId, Instant at, Optional<String> error) {
        PartnerRecord current = partners.get(partnerId.value());
        if (current == null) {
            return false;
        }
        partners.put(partnerId.value(), current.toBuilder().lastPushAt(Optional.of(at))
                .lastError(error.map(PartnerStore::truncate)).build());
        return true;
    }
}
