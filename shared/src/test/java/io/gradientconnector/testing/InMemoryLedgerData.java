package io.gradientconnector.testing;

import io.gradientconnector.adapter.dynamodb.Cursors;
import io.gradientconnector.adapter.dynamodb.Keys;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.LedgerChange;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.port.Page;

import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The state behind the in-memory account store, ledger and journal, which must change together
 * (one event touches the de-duplication row, accounts and ledger rows at once). Every access holds
 * the monitor of this object. Sort keys are the same encoded strings DynamoDB sorts by.
 */
final class InMemoryLedgerData {
    final Clock clock;
    final Duration dedupTtl;
    final Map<PartnerId, NavigableMap<String, AccountRecord>> accounts = new HashMap<>();
    final Map<PartnerId, NavigableMap<String, LedgerRow>> rows = new HashMap<>();
    /**
     * The deltas each row's fold holds, by the row's sort key, kept apart from the row as the table
     * keeps them in chunk items: only an event inside the fold reads them.
     */
    final Map<PartnerId, Map<String, List<LedgerChange>>> foldedDeltas = new HashMap<>();
    /** De-duplication, per partner: the same event id from two partners is two events. */
    final Map<Map.Entry<PartnerId, EventId>, Instant> dedupExpiry = new HashMap<>();

    /** Alerts by partner, by their sort key ({@code Keys.alertSk}): time order, as the table sorts them. */
    final Map<PartnerId, NavigableMap<String, io.gradientconnector.domain.AlertRecord>> alerts = new HashMap<>();
    /** Dedup-key claims by {@code Keys.alertKeyPk}: the holding alert's id and until when it is open (millis). */
    final Map<String, Map.Entry<String, Long>> alertKeys = new HashMap<>();

    NavigableMap<String, io.gradientconnector.domain.AlertRecord> alerts(PartnerId partnerId) {
        return alerts.computeIfAbsent(partnerId, p -> new TreeMap<>());
    }

    InMemoryLedgerData(Clock clock, Duration dedupTtl) {
        this.clock = clock;
        this.dedupTtl = dedupTtl;
    }

    NavigableMap<String, AccountRecord> accounts(PartnerId partnerId) {
        return accounts.computeIfAbsent(partnerId, p -> new TreeMap<>());
    }

    NavigableMap<String, LedgerRow> rows(PartnerId partnerId) {
        return rows.computeIfAbsent(partnerId, p -> new TreeMap<>());
    }

    Map<String, List<LedgerChange>> foldedDeltas(PartnerId partnerId) {
        return foldedDeltas.computeIfAbsent(partnerId, p -> new HashMap<>());
    }

    /** A page of {@code map} restricted to keys starting with {@code prefix}, after the cursor. */
    static <T> Page<T> page(NavigableMap<String, T> map, String prefix, Optional<String> cursor, int limit,
                            Predicate<T> filter) {
        Page.checkLimit(limit);
        String after = Cursors.decode(cursor, List.of(Keys.SK)).map(k -> k.get(Keys.SK)).orElse(null);
        NavigableMap<String, T> range = after == null ? map.tailMap(prefix, true) : map.tailMap(after, false);
        List<T> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, T> entry : range.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            if (items.size() == limit) {
                return new Page<>(items, Optional.of(Cursors.encode(Map.of(Keys.SK, last))));
            }
            if (filter.test(entry.getValue())) {
                items.add(entry.getValue());
                last = entry.getKey();
            }
        }
        return Page.last(items);
    }
}
