package io.gradientconnector.app.events;

import io.gradientconnector.domain.VendorEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a delivery into lanes that may be applied at the same time without changing the outcome: two events share
 * a lane when they name the same (partner, account) — so every item an event reads or writes (the account, its
 * ledger rows and their folded-delta chunks) belongs to one lane only — or the same (partner, event id), so a
 * repeated id is still a duplicate of its first occurrence in delivery order. Within a lane the events keep their
 * delivery order. Events of different lanes touch disjoint items, so applying lanes concurrently gives exactly the
 * result of applying the delivery in order (each event stays one version-guarded transaction; docs/STORAGE.md).
 * Pure and stateless.
 */
final class DeliveryLanes {

    private DeliveryLanes() {
    }

    /** The lanes of {@code events}, ordered by their first event; together they hold every event once. */
    static List<List<VendorEvent>> of(List<VendorEvent> events) {
        if (events.stream().anyMatch(e -> accountKey(e) == null)) {
            return events.isEmpty() ? List.of() : List.of(List.copyOf(events));
        }
        int[] parent = new int[events.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstByKey = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            VendorEvent event = events.get(i);
            for (String key : List.of(accountKey(event), "event\u0000" + event.partnerId().value() + "\u0000"
                    + event.id().value())) {
                Integer first = firstByKey.putIfAbsent(key, i);
                if (first != null) {
                    union(parent, first, i);
                }
            }
        }
        Map<Integer, List<VendorEvent>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            lanes.computeIfAbsent(find(parent, i), root -> new ArrayList<>()).add(events.get(i));
        }
        return List.copyOf(lanes.values());
    }

    /**
     * The (partner, account) an event acts on; null for a type this class does not know, whose delivery is then
     * applied as one lane, in order: slower, never wrong.
     */
    private static String accountKey(VendorEvent event) {
        String account = switch (event) {
            case VendorEvent.UsageEvent usage -> usage.accountId().value();
            case VendorEvent.AccountUpserted upserted -> upserted.account().id().value();
            case VendorEvent.AccountDeleted deleted -> deleted.accountId().value();
            // Its own item and de-duplication row; in its account's lane, so an account's events keep their order.
            case VendorEvent.AlertRaised alert -> alert.accountId().value();
            default -> null;
        };
        return account == null ? null : "account\u0000" + event.partnerId().value() + "\u0000" + account;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb); // the earlier event's root stays: lanes keep first order
        }
    }
}
