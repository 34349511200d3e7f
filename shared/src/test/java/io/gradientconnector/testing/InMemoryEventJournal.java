package io.gradientconnector.testing;

import io.gradientconnector.adapter.dynamodb.Keys;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.EventRules;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.RecordResult;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.EventJournal;

import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerState;
import io.gradientconnector.domain.VendorEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.gradientconnector.domain.ServiceKey;

/**
 * {@link EventJournal} in memory, applying {@link EventRules} under one lock. Like the DynamoDB
 * journal it keeps each row's folded deltas apart from the row and reads them only for an event
 * inside the fold. Thread-safe.
 */
public final class InMemoryEventJournal implements EventJournal {
    private final InMemoryLedgerData data;
    private final UnaryOperator<ServiceKey> rowService;

    InMemoryEventJournal(InMemoryLedgerData data, UnaryOperator<ServiceKey> rowService) {
        this.data = data;
        this.rowService = rowService;
    }

    InMemoryLedgerData data() {
        return data;
    }

    @Override
    public UsageRowKey rowKey(VendorEvent.UsageEvent event) {
        return EventRules.rowKey(event, rowService);
    }

    @Override
    public RecordResult record(VendorEvent event) {
        synchronized (data) {
            Instant now = data.clock.instant();
            var dedupKey = Map.entry(event.partnerId(), event.id());
            Instant expires = data.dedupExpiry.get(dedupKey);
            if (expires != null && now.isBefore(expires)) {
                return RecordResult.duplicate();
            }
            RecordResult result = switch (event) {
                case VendorEvent.AccountUpserted e -> upsert(e);
                case VendorEvent.AccountDeleted e -> delete(e);
                case VendorEvent.UsageEvent e -> usage(e);
                case VendorEvent.AlertRaised e -> alert(e, now);
            };
            data.dedupExpiry.put(dedupKey, now.plus(data.dedupTtl));
            return result;
        }
    }

    private RecordResult alert(VendorEvent.AlertRaised event, Instant now) {
        String sk = Keys.alertSk(event.occurredAt(), event.id());
        var alerts = data.alerts(event.partnerId());
        if (alerts.containsKey(sk)) {
            return RecordResult.duplicate();
        }
        alerts.put(sk, io.gradientconnector.domain.AlertRecord.received(event, now));
        return new RecordResult(RecordOutcome.APPLIED, List.of());
    }

    private RecordResult upsert(VendorEvent.AccountUpserted event) {
        Map<String, AccountRecord> accounts = data.accounts(event.partnerId());
        String sk = Keys.accountSk(event.account().id());
        return EventRules.upsert(Optional.ofNullable(accounts.get(sk)), event)
                .map(next -> {
                    accounts.put(sk, next);
                    return new RecordResult(RecordOutcome.APPLIED, List.of());
                })
                .orElseGet(RecordResult::noChange);
    }

    private RecordResult delete(VendorEvent.AccountDeleted event) {
        Map<String, AccountRecord> accounts = data.accounts(event.partnerId());
        String sk = Keys.accountSk(event.accountId());
        Optional<AccountRecord> account = EventRules.delete(Optional.ofNullable(accounts.get(sk)), event);
        account.ifPresent(next -> accounts.put(sk, next));
        LedgerChange zero = EventRules.zeroing(event);
        List<UsageRowKey> changed = new ArrayList<>();
        var rows = data.rows(event.partnerId());
        String prefix = Keys.usageAccountPrefix(event.accountId());
        for (var entry : rows.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            // Every component of the row is zeroed; the row changes (one version) if any of them does.
            LedgerRow row = entry.getValue();
            Map<ServiceKey, LedgerState> zeroed = new java.util.HashMap<>();
            for (ServiceKey sku : row.skus()) {
                step(event.partnerId(), row, sku, zero).ifPresent(next -> zeroed.put(sku, next.component(sku).orElseThrow()));
            }
            if (!zeroed.isEmpty()) {
                entry.setValue(row.withComponents(zeroed));
                changed.add(row.key());
            }
        }
        return account.isPresent() || !changed.isEmpty()
                ? new RecordResult(RecordOutcome.APPLIED, changed)
                : RecordResult.noChange();
    }

    private RecordResult usage(VendorEvent.UsageEvent event) {
        UsageRowKey key = EventRules.rowKey(event, rowService);
        ServiceKey sku = event.service();
        var rows = data.rows(event.partnerId());
        String sk = Keys.usageSk(event.accountId(), key.service());
        LedgerRow row = rows.get(sk);
        var accounts = data.accounts(event.partnerId());
        String accountSk = Keys.accountSk(event.accountId());
        Optional<AccountRecord> account = Optional.ofNullable(accounts.get(accountSk));
        if (row != null) {
            // A SKU's first event in an existing row starts from the account's newest deletion, like a new row.
            LedgerRow base = row.component(sku).isPresent() ? row
                    : withComponentUnversioned(row, sku, EventRules.initialState(account));
            return step(event.partnerId(), base, sku, event.toChange())
                    .map(next -> {
                        rows.put(sk, row.withComponents(Map.of(sku, next.component(sku).orElseThrow())));
                        return new RecordResult(RecordOutcome.APPLIED, List.of(key));
                    })
                    .orElseGet(RecordResult::noChange);
        }
        return EventRules.initialState(account).apply(event.toChange())
                .map(state -> {
                    rows.put(sk, LedgerRow.created(key, sku, state));
                    accounts.put(accountSk, EventRules.bumped(account, event));
                    return new RecordResult(RecordOutcome.APPLIED, List.of(key));
                })
                .orElseGet(RecordResult::noChange);
    }

    /**
     * {@code change} applied to {@code sku}'s component of a stored row, its folded deltas (kept per account and
     * SKU, like the DynamoDB chunks) read only when needed and kept up to date.
     */
    private Optional<LedgerRow> step(PartnerId partnerId, LedgerRow row, ServiceKey sku, LedgerChange change) {
        LedgerState state = row.component(sku).orElse(LedgerState.EMPTY);
        String foldKey = Keys.foldPrefix(row.key().accountId(), sku);
        Map<String, List<LedgerChange>> kept = data.foldedDeltas(partnerId);
        List<LedgerChange> folded = kept.getOrDefault(foldKey, List.of());
        List<LedgerChange> read = state.needsFoldedDeltas(change) ? List.copyOf(folded) : List.of();
        return state.step(change, row.deltaBound(sku), read).map(step -> {
            List<LedgerChange> next = new ArrayList<>(step.continuesFoldOf(state) ? folded : List.of());
            next.addAll(step.folded());
            if (next.isEmpty()) {
                kept.remove(foldKey);
            } else {
                kept.put(foldKey, next);
            }
            return row.withComponent(sku, step.state());
        });
    }

    private static LedgerRow withComponentUnversioned(LedgerRow row, ServiceKey sku, LedgerState state) {
        LedgerRow added = row.withComponent(sku, state);
        return new LedgerRow(added.key(), added.state(), row.version(), added.pushedVersion(), added.pushedCount(),
                added.pushState(), added.lastPushAt(), added.lastPushError(), added.lease(), added.skuStates());
    }
}
