package io.gradientconnector.app.sync;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.port.Page;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AccountStore} decorator counting Gradient-side writes. Thread-safe. */
final class CountingAccountStore implements AccountStore {
    private final AccountStore delegate;
    private final AtomicInteger writes = new AtomicInteger();

    CountingAccountStore(AccountStore delegate) {
        this.delegate = delegate;
    }

    int writes() {
        return writes.get();
    }

    @Override
    public Optional<AccountRecord> get(PartnerId partnerId, AccountId accountId) {
        return delegate.get(partnerId, accountId);
    }

    @Override
    public Page<AccountRecord> list(PartnerId partnerId, Optional<String> cursor, int limit) {
        return delegate.list(partnerId, cursor, limit);
    }

    @Override
    public boolean recordCreatedInGradient(PartnerId partnerId, AccountId accountId, String sentName,
                                           Optional<String> sentDescription) {
        writes.incrementAndGet();
        return delegate.recordCreatedInGradient(partnerId, accountId, sentName, sentDescription);
    }

    @Override
    public boolean recordMapped(PartnerId partnerId, AccountId accountId, boolean mapped) {
        writes.incrementAndGet();
        return delegate.recordMapped(partnerId, accountId, mapped);
    }

    @Override
    public int clearGradientState(PartnerId partnerId) {
        writes.incrementAndGet();
        return delegate.clearGradientState(partnerId);
    }
}
