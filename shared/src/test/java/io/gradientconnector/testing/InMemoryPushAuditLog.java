package io.gradientconnector.testing;

import io.gradientconnector.adapter.dynamodb.Cursors;
import io.gradientconnector.adapter.dynamodb.Keys;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.port.Page;
import io.gradientconnector.port.PushAuditLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link PushAuditLog} in memory, keyed like the DynamoDB adapter (newest first). {@link #failing(boolean)} makes
 * every write throw, as a store outage would. Thread-safe.
 */
public final class InMemoryPushAuditLog implements PushAuditLog {
    private final Map<String, NavigableMap<String, PushAttempt>> trails = new HashMap<>();
    private boolean failing;

    public synchronized void failing(boolean value) {
        this.failing = value;
    }

    @Override
    public synchronized void record(PushAttempt attempt) {
        if (failing) {
            throw new io.gradientconnector.port.StoreUnavailableException("audit store unavailable (test)",
                    new RuntimeException("injected"));
        }
        trails.computeIfAbsent(Keys.pushAuditPk(attempt.partnerId(), attempt.accountId(), attempt.gradientServiceId()),
                k -> new TreeMap<>()).put(Keys.pushAuditSk(attempt.at(), attempt.requestId()), attempt);
    }

    @Override
    public synchronized Page<PushAttempt> list(PartnerId partnerId, AccountId accountId, String gradientServiceId,
                                               Optional<String> cursor, int limit) {
        Page.checkLimit(limit);
        NavigableMap<String, PushAttempt> trail = trails.getOrDefault(
                Keys.pushAuditPk(partnerId, accountId, gradientServiceId), new TreeMap<>()).descendingMap();
        String after = Cursors.decode(cursor, List.of(Keys.SK)).map(k -> k.get(Keys.SK)).orElse(null);
        NavigableMap<String, PushAttempt> range = after == null ? trail : trail.tailMap(after, false);
        List<PushAttempt> items = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, PushAttempt> entry : range.entrySet()) {
            if (items.size() == limit) {
                return new Page<>(items, Optional.of(Cursors.encode(Map.of(Keys.SK, last))));
            }
            items.add(entry.getValue());
            last = entry.getKey();
        }
        return Page.last(items);
    }

    /** Every attempt kept, in no particular order. */
    public synchronized List<PushAttempt> all() {
        List<PushAttempt> all = new ArrayList<>();
        trails.values().forEach(t -> all.addAll(t.values()));
        return all;
    }
}
