package io.gradientconnector.testing;

import io.gradientconnector.adapter.dynamodb.Keys;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.port.Page;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;

import java.util.Optional;

/** {@link AccountStore} in memory. Thread-safe (one lock shared with the journal). */
public final class InMemoryAccountStore implements AccountStore {
    private final InMemoryLedgerData data;

    InMemoryAccountStore(InMemoryLedgerData data) {
        this.data = data;
    }

    @Override
    public Optional<AccountRecord> get(PartnerId partnerId, AccountId accountId) {
        synchronized (data) {
            return Optional.ofNullable(data.accounts(partnerId).get(Keys.accountSk(accountId)));
        }
    }

    @Override
    public Page<AccountRecord> list(PartnerId partnerId, Optional<String> cursor, int limit) {
        synchronized (data) {
            return InMemoryLedgerData.page(data.accounts(partnerId), Keys.ACCOUNT_PREFIX, cursor, limit, a -> true);
        }
    }

    @Override
    public boolean recordCreatedInGradient(PartnerId partnerId, AccountId accountId, String sentName,
                                           Optional<String> sentDescription) {
        synchronized (data) {
            AccountRecord account = data.accounts(partnerId).get(Keys.accountSk(accountId));
            if (account == null) {
                return false;
            }
            data.accounts(partnerId).put(Keys.accountSk(accountId), account.withGradient(
                    GradientAccountState.CREATED, Optional.of(sentName), sentDescription, account.mapped()));
            return true;
        }
    }

    @Override
    public boolean recordMapped(PartnerId partnerId, AccountId accountId, boolean mapped) {
        synchronized (data) {
            AccountRecord account = data.accounts(partnerId).get(Keys.accountSk(accountId));
            if (account == null) {
                return false;
            }
            data.accounts(partnerId).put(Keys.accountSk(accountId), account.withGradient(
                    account.gradientState(), account.gradientName(), account.gradientDescription(), mapped));
            return true;
        }
    }

    @Override
    public int clearGradientState(PartnerId partnerId) {
        synchronized (data) {
            int changed = 0;
            for (var entry : data.accounts(partnerId).entrySet()) {
                AccountRecord a = entry.getValue();
                if (a.gradientState() != GradientAccountState.NONE || a.mapped() || a.gradientName().isPresent()) {
                    entry.setValue(a.withGradient(GradientAccountState.NONE, Optional.empty(), Optional.empty(), false));
                    changed++;
                }
            }
            return changed;
        }
    }
}
