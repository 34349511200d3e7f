package io.gradientconnector.testing;

import io.gradientconnector.adapter.dynamodb.Keys;
import io.gradientconnector.domain.Lease;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.UsageLedger;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link UsageLedger} in memory. Thread-safe (one lock shared with the journal). */
public final class InMemoryUsageLedger implements UsageLedger {
    private final InMemoryLedgerData data;

    InMemoryUsageLedger(InMemoryLedgerData data) {
        this.data = data;
    }

    @Override
    public Optional<LedgerRow> get(UsageRowKey key) {
        synchronized (data) {
            return Optional.ofNullable(data.rows(key.partnerId()).get(sk(key)));
        }
    }

    @Override
    public Page<LedgerRow> list(PartnerId partnerId, Optional<String> cursor, int limit) {
        synchronized (data) {
            return InMemoryLedgerData.page(data.rows(partnerId), Keys.USAGE_PREFIX, cursor, limit, r -> true);
        }
    }

    @Override
    public Page<LedgerRow> listForAccount(PartnerId partnerId, AccountId accountId, Optional<String> cursor, int limit) {
        synchronized (data) {
            return InMemoryLedgerData.page(data.rows(partnerId), Keys.usageAccountPrefix(accountId), cursor, limit,
                    r -> true);
        }
    }

    @Override
    public Page<LedgerRow> listNeedingPush(PartnerId partnerId, Optional<String> cursor, int limit) {
        synchronized (data) {
            return InMemoryLedgerData.page(data.rows(partnerId), Keys.USAGE_PREFIX, cursor, limit,
                    LedgerRow::needsPush);
        }
    }

    @Override
    public boolean recordPushResult(UsageRowKey key, long attemptedVersion, Quantity pushedCount, PushState outcome,
                                    Optional<String> error, Instant at) {
        if (outcome == PushState.PENDING) {
            throw new IllegalArgumentException("a push result is PUSHED, UNMAPPED or FAILED, not PENDING");
        }
        synchronized (data) {
            LedgerRow row = data.rows(key.partnerId()).get(sk(key));
            if (row == null || !row.acceptsPushResult(attemptedVersion)) {
                return false;
            }
            put(new LedgerRow(row.key(), row.state(), row.version(), attemptedVersion,
                    outcome == PushState.PUSHED ? Optional.of(pushedCount) : row.pushedCount(),
                    outcome, Optional.of(at), error.map(PartnerStore::truncate), row.lease(), row.skuStates()));
            return true;
        }
    }

    @Override
    public boolean acquireLease(UsageRowKey key, String owner, Duration duration, Instant now) {
        Lease lease = new Lease(owner, now.plus(duration));
        synchronized (data) {
            LedgerRow row = data.rows(key.partnerId()).get(sk(key));
            if (row == null) {
                return false;
            }
            boolean free = row.lease().map(l -> l.owner().equals(owner) || !l.until().isAfter(now)).orElse(true);
            if (free) {
                put(withLease(row, Optional.of(lease)));
            }
            return free;
        }
    }

    @Override
    public boolean releaseLease(UsageRowKey key, String owner) {
        synchronized (data) {
            LedgerRow row = data.rows(key.partnerId()).get(sk(key));
            if (row == null || row.lease().filter(l -> l.owner().equals(owner)).isEmpty()) {
                return false;
            }
            put(withLease(row, Optional.empty()));
            return true;
        }
    }

    @Override
    public int forgetPushes(PartnerId partnerId) {
        synchronized (data) {
            int changed = 0;
            for (var entry : data.rows(partnerId).entrySet()) {
                LedgerRow row = entry.getValue();
                entry.setValue(new LedgerRow(row.key(), row.state(), row.version(), 0, Optional.empty(),
                        PushState.PENDING, row.lastPushAt(), Optional.empty(), row.lease(), row.skuStates()));
                changed++;
            }
            return changed;
        }
    }

    private void put(LedgerRow row) {
        data.rows(row.key().partnerId()).put(sk(row.key()), row);
    }

    private static LedgerRow withLease(LedgerRow row, Optional<Lease> lease) {
        return new LedgerRow(row.key(), row.state(), row.version(), row.pushedVersion(), row.pushedCount(),
                row.pushState(), row.lastPushAt(), row.lastPushError(), lease, row.skuStates());
    }

    private static String sk(UsageRowKey key) {
        return Keys.usageSk(key.accountId(), key.service());
    }
}
