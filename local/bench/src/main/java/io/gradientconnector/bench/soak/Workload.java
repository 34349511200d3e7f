package io.gradientconnector.bench.soak;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The soak's vendor event stream and the counts it must end in. Per partner: {@code accounts} accounts (one
 * {@code account.upserted} each) and, per (account, service) row, 3 to 6 usage events ({@code set}, {@code add},
 * {@code subtract}) at distinct times in the past. Events are shuffled and cut into deliveries of 1 to 20, so
 * deliveries arrive out of order; {@link #deliveries()} also repeats about a quarter of them, some with the same
 * events regrouped. The expected count of a row is the documented rule (docs/ARCHITECTURE.md, "The count,
 * exactly"): apply its events in {@code occurredAt} order, ties by id, {@code subtract} flooring at zero.
 * Deterministic for a seed. Immutable after construction.
 */
final class Workload {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One usage or account event, as sent. */
    record Event(String id, String partnerId, Instant occurredAt, ObjectNode json, String rowKey, String type,
                 long quantity) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<List<Event>> deliveries = new ArrayList<>();
    private final Map<String, Long> expected = new HashMap<>();

    Workload(long seed, List<String> partners, int accounts, List<String> services, Instant now) {
        Random random = new Random(seed);
        Instant base = now.minusSeconds(3_600);
        int seq = 0;
        for (String partner : partners) {
            for (int a = 0; a < accounts; a++) {
                String account = "soak-acct-" + a;
                ObjectNode upsert = event("soak-" + (++seq), "account.upserted", partner, base.plusSeconds(a));
                upsert.putObject("account").put("id", account).put("name", "Soak Customer " + partner + " " + a);
                events.add(new Event(upsert.get("id").asText(), partner, base, upsert, null, "account.upserted", 0));
                for (String service : services) {
                    String row = partner + "|" + account + "|" + service;
                    int n = 3 + random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        String type = i == 0 || random.nextInt(4) == 0 ? "usage.set"
                                : random.nextBoolean() ? "usage.add" : "usage.subtract";
                        long quantity = type.equals("usage.set") ? random.nextInt(200) : 1 + random.nextInt(40);
                        // Distinct times per row, so the expected count needs no tie-break.
                        Instant at = base.plusSeconds(100 + i * 500L + random.nextInt(500));
                        ObjectNode json = event("soak-" + (++seq), type, partner, at);
                        json.put("accountId", account).put("service", service).put("quantity", quantity);
                        events.add(new Event(json.get("id").asText(), partner, at, json, row, type, quantity));
                    }
                }
            }
        }
        computeExpected();
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        for (int i = 0; i < shuffled.size(); ) {
            int size = Math.min(shuffled.size() - i, 1 + random.nextInt(20));
            deliveries.add(List.copyOf(shuffled.subList(i, i + size)));
            i += size;
        }
        // Redeliveries: a quarter repeated as is, and some events regrouped into new deliveries.
        int original = deliveries.size();
        for (int i = 0; i < original / 4; i++) {
            deliveries.add(1 + random.nextInt(deliveries.size()), deliveries.get(random.nextInt(original)));
        }
        for (int i = 0; i < original / 10; i++) {
            List<Event> regrouped = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(10); k++) {
                regrouped.add(shuffled.get(random.nextInt(shuffled.size())));
            }
            deliveries.add(1 + random.nextInt(deliveries.size()), regrouped.stream().distinct().toList());
        }
    }

    private static ObjectNode event(String id, String type, String partner, Instant at) {
        ObjectNode json = NODES.objectNode();
        json.put("id", id).put("type", type).put("partnerId", partner).put("occurredAt", at.toString());
        return json;
    }

    private void computeExpected() {
        Map<String, List<Event>> byRow = new HashMap<>();
        events.stream().filter(e -> e.rowKey() != null)
                .forEach(e -> byRow.computeIfAbsent(e.rowKey(), k -> new ArrayList<>()).add(e));
        byRow.forEach((row, list) -> {
            list.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::id));
            long count = 0;
            for (Event e : list) {
                count = switch (e.type()) {
                    case "usage.set" -> e.quantity();
                    case "usage.add" -> count + e.quantity();
                    default -> Math.max(0, count - e.quantity());
                };
            }
            expected.put(row, count);
        });
    }

    /** The body of one delivery. */
    static String body(List<Event> delivery) {
        if (delivery.size() == 1) {
            return delivery.get(0).json().toString();
        }
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray("events");
        delivery.forEach(e -> array.add(e.json()));
        return root.toString();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<List<Event>> deliveries() {
        return List.copyOf(deliveries);
    }

    /** {@code partner|account|service} → the count Gradient must end with. */
    Map<String, Long> expected() {
        return Map.copyOf(expected);
    }
}
