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

/**
 * {@link EventJournal} in memory, applying {@link EventRules} under one lock. Like the DynamoDB
 * journal it keeps each row's folded deltas apart from the row and reads them only for an event
 * inside the fold. Thread-safe.
 */
public final class InMemoryEventJournal implements EventJournal {
    private final InMemoryLedgerData data;

    InMemoryEventJournal(InMemoryLedgerData data) {
        this.data = data;
    }

    InMemoryLedgerData data() {
        return data;
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
            LedgerRow row = entry.getValue();
            Optional<LedgerRow> next = step(event.partnerId(), entry.getKey(), row, zero);
            if (next.isPresent()) {
                entry.setValue(next.get());
                changed.add(row.key());
            }
        }
        return account.isPresent() || !changed.isEmpty()
                ? new RecordResult(RecordOutcome.APPLIED, changed)
                : RecordResult.noChange();
    }

    private RecordResult usage(VendorEvent.UsageEvent event) {
        UsageRowKey key = EventRules.rowKey(event);
        var rows = data.rows(event.partnerId());
        String sk = Keys.usageSk(event.accountId(), event.service());
        LedgerRow row = rows.get(sk);
        if (row != null) {
            return step(event.partnerId(), sk, row, event.toChange())
                    .map(next -> {
                        rows.put(sk, next);
                        return new RecordResult(RecordOutcome.APPLIED, List.of(key));
                    })
                    .orElseGet(RecordResult::noChange);
        }
        var accounts = data.accounts(event.partnerId());
        String accountSk = Keys.accountSk(event.accountId());
        Optional<AccountRecord> account = Optional.ofNullable(accounts.get(accountSk));
        return EventRules.initialState(account).apply(event.toChange())
                .map(state -> {
                    rows.put(sk, LedgerRow.created(key, state));
                    accounts.put(accountSk, EventRules.bumped(account, event));
                    return new RecordResult(RecordOutcome.APPLIED, List.of(key));
                })
                .orElseGet(RecordResult::noChange);
    }

    /** {@code change} applied to a stored row, its folded deltas read only when needed and kept up to date. */
    private Optional<LedgerRow> step(PartnerId partnerId, String sk, LedgerRow row, LedgerChange change) {
        Map<String, List<LedgerChange>> kept = data.foldedDeltas(partnerId);
        List<LedgerChange> folded = kept.getOrDefault(sk, List.of());
        List<LedgerChange> read = row.state().needsFoldedDeltas(change) ? List.copyOf(folded) : List.of();
        return row.state().step(change, LedgerState.MAX_DELTAS, read).map(step -> {
            List<LedgerChange> next = new ArrayList<>(step.continuesFoldOf(row.state()) ? folded : List.of());
            next.addAll(step.folded());
            if (next.isEmpty()) {
                kept.remove(sk);
            } else {
                kept.put(sk, next);
            }
            return row.withState(step.state());
        });
    }
}
