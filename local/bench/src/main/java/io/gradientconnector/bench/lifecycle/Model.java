package io.gradientconnector.bench.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sequential model: what the connector's answers promised, replayed in the order they were given. It never looks
 * at the connector's stores or at Gradient; the {@link Checker} compares Gradient (what the sandbox and the recorder
 * saw) with it.
 * <ul>
 *   <li>a PUT answered 200 makes its key the partner's key from the moment of the answer; a DELETE answered 204 ends
 *       the partner's connection from that moment; any other answer changes nothing;</li>
 *   <li>a delivery answered 202 makes each of its events count, once per (partner, event id); any other answer records
 *       nothing;</li>
 *   <li>a row's count is its events applied in (occurredAt, event id) order: {@code set} replaces, {@code add} adds,
 *       {@code subtract} subtracts flooring at zero.</li>
 * </ul>
 */
final class Model {

    /** A PUT answered 200 or a DELETE answered 204: the moment the partner's key changed. */
    record KeyChange(History.Entry entry, String keyLabel) {
        boolean disconnect() {
            return keyLabel == null;
        }
    }

    /** One usage row: (partner, account, service). */
    record Row(int partner, String account, String service) implements Comparable<Row> {
        @Override
        public int compareTo(Row o) {
            return Comparator.comparingInt(Row::partner).thenComparing(Row::account).thenComparing(Row::service)
                    .compare(this, o);
        }
    }

    private final Map<Integer, List<KeyChange>> changes = new TreeMap<>();
    private final Map<Integer, Map<String, Delivery.Event>> acceptedByPartner = new TreeMap<>();
    private final Map<Integer, Set<String>> accountsByPartner = new TreeMap<>();
    private final Map<Integer, Set<String>> orgsByPartner = new TreeMap<>();

    Model(List<History.Entry> answered) {
        for (History.Entry e : answered) {
            switch (e.op()) {
                case Op.Put put when e.status() == 200 -> {
                    changes.computeIfAbsent(put.partner(), p -> new ArrayList<>()).add(new KeyChange(e, e.keyLabel()));
                    orgsByPartner.computeIfAbsent(put.partner(), p -> new HashSet<>()).add(KeyBook.orgOf(e.keyLabel()));
                }
                case Op.Delete delete when e.status() == 204 ->
                        changes.computeIfAbsent(delete.partner(), p -> new ArrayList<>()).add(new KeyChange(e, null));
                case Op.Deliver deliver when e.status() == 202 -> {
                    for (Delivery.Event event : deliver.delivery().events()) {
                        acceptedByPartner.computeIfAbsent(event.partner(), p -> new LinkedHashMap<>())
                                .putIfAbsent(event.id(), event);
                        if (event.type().equals("account.upserted")) {
                            accountsByPartner.computeIfAbsent(event.partner(), p -> new HashSet<>()).add(event.accountId());
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The last key change answered strictly before {@code nanos}, if any. */
    Optional<KeyChange> keyChangeBefore(int partner, long nanos) {
        KeyChange last = null;
        for (KeyChange c : changes.getOrDefault(partner, List.of())) {
            if (c.entry().ended() < nanos) {
                last = c;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The key label current for {@code partner} once everything was answered; empty when disconnected or never connected. */
    Optional<String> finalKey(int partner) {
        List<KeyChange> list = changes.getOrDefault(partner, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.ofNullable(list.get(list.size() - 1).keyLabel());
    }

    /** The organization the partner was last connected to (even if disconnected since). */
    Optional<String> lastOrg(int partner) {
        List<KeyChange> list = changes.getOrDefault(partner, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).keyLabel() != null) {
                return Optional.of(KeyBook.orgOf(list.get(i).keyLabel()));
            }
        }
        return Optional.empty();
    }

    /** The organization the partner was connected to just before {@code nanos}, if connected. */
    Optional<String> orgBefore(int partner, long nanos) {
        return keyChangeBefore(partner, nanos).map(KeyChange::keyLabel).map(KeyBook::orgOf);
    }

    /** Every organization a PUT answered 200 ever connected the partner to. */
    Set<String> orgsEverConnected(int partner) {
        return orgsByPartner.getOrDefault(partner, Set.of());
    }

    Set<String> acceptedAccounts(int partner) {
        return accountsByPartner.getOrDefault(partner, Set.of());
    }

    /** Was this (partner, event id) accepted? */
    boolean accepted(int partner, String eventId) {
        return acceptedByPartner.getOrDefault(partner, Map.of()).containsKey(eventId);
    }

    /** The expected count of every row of {@code partner} whose account was accepted (so it exists in Gradient). */
    Map<Row, Long> counts(int partner) {
        Map<Row, List<Delivery.Event>> byRow = eventsByRow(partner);
        Map<Row, Long> counts = new TreeMap<>();
        byRow.forEach((row, events) -> {
            if (acceptedAccounts(partner).contains(row.account())) {
                counts.put(row, apply(events));
            }
        });
        return counts;
    }

    /** The accepted usage events of each row of {@code partner}, in (occurredAt, id) order. */
    Map<Row, List<Delivery.Event>> eventsByRow(int partner) {
        Map<Row, List<Delivery.Event>> byRow = new TreeMap<>();
        for (Delivery.Event e : acceptedByPartner.getOrDefault(partner, Map.of()).values()) {
            if (e.usage()) {
                byRow.computeIfAbsent(new Row(partner, e.accountId(), e.service()), r -> new ArrayList<>()).add(e);
            }
        }
        byRow.values().forEach(list -> list.sort(Comparator.comparingInt(Delivery.Event::occurredAt)
                .thenComparing(Delivery.Event::id)));
        return byRow;
    }

    /** The count rule, sequentially: set replaces, add adds, subtract floors at zero. */
    static long apply(List<Delivery.Event> ordered) {
        long count = 0;
        for (Delivery.Event e : ordered) {
            count = switch (e.type()) {
                case "usage.set" -> e.quantity();
                case "usage.add" -> count + e.quantity();
                default -> Math.max(0, count - e.quantity());
            };
        }
        return count;
    }
}
