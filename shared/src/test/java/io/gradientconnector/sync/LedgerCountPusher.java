package io.gradientconnector.sync;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.gradient.CountOutcome;
import io.gradientconnector.gradient.GradientClient;
import io.gradientconnector.gradient.GradientConnectionException;
import io.gradientconnector.gradient.GradientCredentials;
import io.gradientconnector.gradient.GradientException;
import io.gradientconnector.gradient.PartnerSession;
import io.gradientconnector.gradient.RetryPolicy;
import io.gradientconnector.gradient.UnauthorizedException;
import io.gradientconnector.secrets.KeyVault;
import io.gradientconnector.store.ConnectorStores;
import io.gradientconnector.store.LedgerRow;
import io.gradientconnector.store.PartnerRecord;
import io.gradientconnector.store.PartnerStatus;
import io.gradientconnector.store.PushOutcome;
import io.gradientconnector.store.UsageRowKey;
import io.gradientconnector.usage.CountPusher;
import io.gradientconnector.usage.PushReport;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A plain {@link CountPusher} for tests that need counts to really reach the sandbox: absolute sets,
 * {@code no_build} on all but the last, 404 recorded as unmapped, 401 marking the partner. It
 * stands in for the production push service (usage package) until that one is wired here; it
 * follows the same port contract, nothing more (no delta mode, no leases). Thread-safe.
 */
public final class LedgerCountPusher implements CountPusher {
    private final ConnectorStores stores;
    private final KeyVault keyVault;
    private final GradientClient gradient;
    private final Clock clock;

    public LedgerCountPusher(ConnectorStores stores, KeyVault keyVault, GradientClient gradient, Clock clock) {
        this.stores = stores;
        this.keyVault = keyVault;
        this.gradient = gradient;
        this.clock = clock;
    }

    @Override
    public PushReport push(PartnerId partnerId, List<UsageRowKey> rows, Instant deadline) {
        List<UsageRowKey> distinct = List.copyOf(new LinkedHashSet<>(rows));
        Optional<PartnerRecord> partner = stores.partners().get(partnerId);
        Optional<Secret> key = keyVault.partnerKey(partnerId);
        if (partner.isEmpty() || key.isEmpty() || partner.get().status() == PartnerStatus.NEEDS_KEY
                || partner.get().status() == PartnerStatus.DISCONNECTED) {
            return new PushReport(0, 0, 0, distinct.size(), false, List.of());
        }
        PartnerSession session = gradient.session(new GradientCredentials(keyVault.vendorKey().reveal(),
                key.get().reveal())).withDeadline(deadline);
        List<LedgerRow> toPush = new ArrayList<>();
        for (UsageRowKey rowKey : distinct) {
            stores.ledger().get(rowKey).filter(LedgerRow::needsPush).ifPresent(toPush::add);
        }
        int pushed = 0;
        int unmapped = 0;
        int failed = 0;
        List<UsageRowKey> retryable = new ArrayList<>();
        for (int i = 0; i < toPush.size(); i++) {
            LedgerRow row = toPush.get(i);
            Optional<String> serviceId = stores.catalog().gradientServiceId(row.key().service());
            if (serviceId.isEmpty()) {
                record(row, PushOutcome.FAILED, Optional.of("the service does not exist in Gradient yet"));
                failed++;
                continue;
            }
            try {
                CountOutcome outcome = session.setUnitCount(serviceId.get(), row.key().accountId().value(),
                        row.count().value(), i < toPush.size() - 1);
                if (outcome instanceof CountOutcome.Applied) {
                    record(row, PushOutcome.PUSHED, Optional.empty());
                    pushed++;
                } else {
                    record(row, PushOutcome.UNMAPPED, Optional.of("not mapped in Gradient"));
                    unmapped++;
                }
            } catch (UnauthorizedException e) {
                stores.partners().markNeedsKey(partnerId, key.get().fingerprint(), "Gradient rejected the key (401)",
                        clock.instant());
                toPush.subList(i, toPush.size()).forEach(r -> retryable.add(r.key()));
                return new PushReport(pushed, unmapped, failed, distinct.size() - toPush.size(), true, retryable);
            } catch (GradientException e) {
                if (RetryPolicy.shouldRetry(e) || e instanceof GradientConnectionException) {
                    retryable.add(row.key());
                } else {
                    record(row, PushOutcome.FAILED, Optional.of(e.getClass().getSimpleName()));
                    failed++;
                }
            }
        }
        stores.partners().recordPush(partnerId, clock.instant(), Optional.empty());
        return new PushReport(pushed, unmapped, failed, distinct.size() - toPush.size(), false, retryable);
    }

    private void record(LedgerRow row, PushOutcome outcome, Optional<String> error) {
        stores.ledger().recordPushResult(row.key(), row.version(), row.count(), outcome, error, clock.instant());
    }
}
