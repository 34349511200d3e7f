package io.gradientconnector.testing;

import io.gradientconnector.adapter.dynamodb.Keys;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.Page;

import java.time.Instant;
import io.gradientconnector.adapter.dynamodb.Cursors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AlertStore} in memory, over the state the in-memory journal records alerts into ({@link InMemoryStores#alerts}).
 * Same rules as the table: version-guarded updates, newest-first listing by the same sort keys, one-winner dedup-key
 * claims. Expiry is not modelled. Thread-safe (the shared state's monitor).
 */
public final class InMemoryAlertStore implements AlertStore {
    private static final long OPEN = Long.MAX_VALUE / 2;
    private final InMemoryLedgerData data;
    private volatile boolean failing;

    InMemoryAlertStore(InMemoryLedgerData data) {
        this.data = data;
    }

    /** While on, every call fails as an unreachable table would. */
    public void failing(boolean value) {
        failing = value;
    }

    private void check() {
        if (failing) {
            throw new io.gradientconnector.port.StoreUnavailableException("alert store unavailable (test)", null);
        }
    }

    @Override
    public Optional<AlertRecord> get(AlertRef ref) {
        check();
        synchronized (data) {
            return Optional.ofNullable(data.alerts(ref.partnerId()).get(Keys.alertSk(ref.occurredAt(), ref.alertId())));
        }
    }

    @Override
    public boolean update(AlertRecord next) {
        check();
        synchronized (data) {
            NavigableMap<String, AlertRecord> alerts = data.alerts(next.partnerId());
            String sk = Keys.alertSk(next.ref().occurredAt(), next.alertId());
            AlertRecord current = alerts.get(sk);
            if (current == null || current.version() != next.version() - 1) {
                return false;
            }
            alerts.put(sk, next);
            return true;
        }
    }

    @Override
    public Page<AlertRecord> list(PartnerId partnerId, Set<AlertStage> stages, Optional<String> cursor, int limit) {
        check();
        synchronized (data) {
            Page.checkLimit(limit);
            String before = Cursors.decode(cursor, List.of(Keys.SK)).map(k -> k.get(Keys.SK)).orElse(null);
            NavigableMap<String, AlertRecord> all = data.alerts(partnerId);
            NavigableMap<String, AlertRecord> range = (before == null ? all : all.headMap(before, false)).descendingMap();
            List<AlertRecord> items = new ArrayList<>();
            String last = null;
            for (Map.Entry<String, AlertRecord> entry : range.entrySet()) {
                if (items.size() == limit) {
                    return new Page<>(items, Optional.of(Cursors.encode(Map.of(Keys.SK, last))));
                }
                if (stages.isEmpty() || stages.contains(entry.getValue().stage())) {
                    items.add(entry.getValue());
                    last = entry.getKey();
                }
            }
            return Page.last(items);
        }
    }

    @Override
    public Optional<EventId> claimDedupKey(AlertRecord alert, Instant now) {
        String key = alert.event().dedupKey().orElseThrow(() -> new IllegalArgumentException("the alert has no dedup key"));
        check();
        synchronized (data) {
            String pk = Keys.alertKeyPk(alert.partnerId(), alert.event().accountId(), key);
            Map.Entry<String, Long> held = data.alertKeys.get(pk);
            if (held == null || held.getValue() <= now.toEpochMilli() || held.getKey().equals(alert.alertId().value())) {
                data.alertKeys.put(pk, Map.entry(alert.alertId().value(), OPEN));
                return Optional.empty();
            }
            return Optional.of(EventId.of(held.getKey()));
        }
    }

    @Override
    public void openDedupKeyUntil(AlertRecord holder, Instant until) {
        if (holder.event().dedupKey().isEmpty()) {
            return;
        }
        check();
        synchronized (data) {
            String pk = Keys.alertKeyPk(holder.partnerId(), holder.event().accountId(), holder.event().dedupKey().get());
            Map.Entry<String, Long> held = data.alertKeys.get(pk);
            if (held != null && held.getKey().equals(holder.alertId().value())) {
                data.alertKeys.put(pk, Map.entry(held.getKey(), until.toEpochMilli()));
            }
        }
    }
}
