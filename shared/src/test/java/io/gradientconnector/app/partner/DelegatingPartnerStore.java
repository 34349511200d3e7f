package io.gradientconnector.app.partner;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.Page;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.domain.SaveResult;

import java.time.Instant;
import java.util.Optional;

/** A {@link PartnerStore} passing everything on, for tests that override one method to inject a race or a failure. */
class DelegatingPartnerStore implements PartnerStore {
    private final PartnerStore delegate;

    DelegatingPartnerStore(PartnerStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<PartnerRecord> get(PartnerId partnerId) {
        return delegate.get(partnerId);
    }

    @Override
    public Page<PartnerRecord> list(Optional<String> cursor, int limit) {
        return delegate.list(cursor, limit);
    }

    @Override
    public Page<PartnerRecord> listByStatus(io.gradientconnector.domain.PartnerStatus status, Optional<String> cursor,
                                            int limit) {
        return delegate.listByStatus(status, cursor, limit);
    }

    @Override
    public SaveResult save(PartnerRecord partner) {
        return delegate.save(partner);
    }

    @Override
    public boolean markNeedsKey(PartnerId partnerId, String keyFingerprint, String error, Instant at) {
        return delegate.markNeedsKey(partnerId, keyFingerprint, error, at);
    }

    @Override
    public boolean markActive(PartnerId partnerId, String keyFingerprint, Instant at) {
        return delegate.markActive(partnerId, keyFingerprint, at);
    }

    @Override
    public boolean markDisconnected(PartnerId partnerId, Instant at) {
        return delegate.markDisconnected(partnerId, at);
    }

    @Override
    public boolean recordSync(PartnerId partnerId, Instant at, Optional<String> error) {
        return delegate.recordSync(partnerId, at, error);
    }

    @Override
    public boolean recordPush(PartnerId partnerId, Instant at, Optional<String> error) {
        return delegate.recordPush(partnerId, at, error);
    }
}
