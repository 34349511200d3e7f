package io.gradientconnector.bench.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.domain.ServiceCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compares what Gradient saw (the {@link GradientRecorder}'s calls and the sandbox's final state) with what the
 * {@link Model} says the connector's answers promised. Never trusts the connector's own view, except for the one
 * invariant about that view.
 */
final class Checker {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's integration timeout. */
    static final long GATEWAY_LIMIT_NANOS = 29_000_000_000L;

    private final Plan.Shape shape;
    private final Map<String, String> integrationByOrg;
    private final Map<String, String> serviceKeyByName = new HashMap<>();
    private final List<History.Entry> entries;
    private final List<GradientRecorder.Call> calls;
    private final JsonNode sandboxState;
    private final Map<Integer, History.Entry> finalViews;
    private final Model model;
    private final List<Violation> violations = new ArrayList<>();
    private final StringBuilder countSummary = new StringBuilder();

    Checker(Plan.Shape shape, Map<String, String> integrationByOrg, ServiceCatalog catalog, List<History.Entry> entries,
            List<GradientRecorder.Call> calls, JsonNode sandboxState, Map<Integer, History.Entry> finalViews) {
        this.shape = shape;
        this.integrationByOrg = integrationByOrg;
        catalog.services().forEach(s -> serviceKeyByName.put(s.name(), s.key().value()));
        this.entries = entries;
        this.calls = calls;
        this.sandboxState = sandboxState;
        this.finalViews = finalViews;
        this.model = new Model(entries);
    }

    List<Violation> check() {
        keyFencing();
        noTrace();
        disconnectEndsInactive();
        catalogOnce();
        viewActive();
        violations.addAll(new ViewCheck(model, entries, calls).check());
        orgGuard();
        inputLimits();
        counts();
        return violations;
    }

    // ------------------------------------------------------------------ 1, 2: keys after PUT 200 / DELETE 204

    private void keyFencing() {
        Map<String, List<GradientRecorder.Call>> stale = new LinkedHashMap<>();
        Map<String, Model.KeyChange> why = new HashMap<>();
        for (GradientRecorder.Call call : calls) {
            Optional<Integer> partner = partnerOfKey(call.keyLabel());
            if (partner.isEmpty() || putInFlight(partner.get(), call)) {
                continue;
            }
            Optional<Model.KeyChange> last = model.keyChangeBefore(partner.get(), call.startedNanos());
            if (last.isPresent() && !call.keyLabel().equals(last.get().keyLabel())) {
                String group = (last.get().disconnect() ? "D" : "K") + last.get().entry().index() + " " + call.keyLabel();
                stale.computeIfAbsent(group, g -> new ArrayList<>()).add(call);
                why.put(group, last.get());
            }
        }
        stale.forEach((group, list) -> {
            Model.KeyChange change = why.get(group);
            Invariant invariant = change.disconnect() ? Invariant.DISCONNECT_FENCE : Invariant.KEY_FENCE;
            List<String> evidence = new ArrayList<>();
            evidence.add("answered: " + change.entry());
            list.stream().limit(4).forEach(c -> evidence.add("then:     " + c + during(c)));
            add(invariant, list.size() + " Gradient call(s) started after " + (change.disconnect()
                    ? "the DELETE's 204" : "the PUT's 200") + " still used key " + list.get(0).keyLabel(), evidence);
        });
    }

    /** A PUT of exactly this key for this partner, running when the call started: its own verification. */
    private boolean putInFlight(int partner, GradientRecorder.Call call) {
        return entries.stream().anyMatch(e -> e.op() instanceof Op.Put put && put.partner() == partner
                && call.keyLabel().equals(e.keyLabel()) && e.inFlightAt(call.startedNanos()));
    }

    // ------------------------------------------------------------------ 3: a refused request changed nothing

    private void noTrace() {
        for (History.Entry e : entries) {
            boolean portalChange = e.op() instanceof Op.Put || e.op() instanceof Op.Delete;
            if (!portalChange || !e.rejected()) {
                continue;
            }
            List<GradientRecorder.Call> changed = calls.stream().filter(c -> c.container() == e.container()
                    && e.inFlightAt(c.startedNanos()) && c.mutating() && c.succeeded()).toList();
            if (!changed.isEmpty()) {
                add(Invariant.NO_TRACE, "a request answered " + e.status() + " changed Gradient",
                        evidence(e, changed));
            }
            if (e.op() instanceof Op.Put put && e.keyLabel() != null && !model.orgsEverConnected(put.partner()).isEmpty()
                    && entries.stream().noneMatch(o -> o.ok() && e.keyLabel().equals(o.keyLabel()))) {
                // Another PUT submitting the same key (a race round: its "current key" was drawn right after this
                // one's regeneration) verifies it itself; that is not the connector keeping a refused key.
                List<GradientRecorder.Call> used = calls.stream().filter(c -> c.startedNanos() > e.ended()
                        && e.keyLabel().equals(c.keyLabel()) && !putInFlight(put.partner(), c)).toList();
                if (!used.isEmpty()) {
                    add(Invariant.NO_TRACE, "the key of a PUT answered " + e.status() + " was used afterwards",
                            evidence(e, used));
                }
            }
        }
    }

    private void disconnectEndsInactive() {
        for (int p = 0; p < shape.partners(); p++) {
            Optional<String> last = model.lastOrg(p);
            if (model.finalKey(p).isEmpty() && last.isPresent()) {
                String status = integration(last.get()).path("status").asText();
                // The one accepted way not to end inactive: the key the connector held had been revoked upstream
                // (regenerated in Gradient without a new key reaching the connector), so Gradient refused the
                // disconnection's "inactive" call with 401; the guarantee then is that the failure is recorded.
                boolean refusedForARevokedKey = calls.stream().anyMatch(c -> c.path().endsWith("/status/inactive")
                        && c.status() == 401 && KeyBook.orgOf(c.keyLabel()).equals(last.get()));
                if (!status.equals("inactive") && !refusedForARevokedKey) {
                    add(Invariant.DISCONNECT_FENCE, "partner-" + p + " is disconnected but Gradient's integration "
                            + last.get() + " ended " + status, lastLifecycle(p));
                }
            }
        }
    }

    // ------------------------------------------------------------------ 4, 5: catalog, view

    private void catalogOnce() {
        for (JsonNode vendor : sandboxState.path("vendors")) {
            Map<String, Integer> byName = new TreeMap<>();
            vendor.path("skus").forEach(s -> byName.merge(s.path("name").asText(), 1, Integer::sum));
            byName.forEach((name, n) -> {
                if (n > 1) {
                    add(Invariant.CATALOG_ONCE, "service '" + name + "' exists " + n + " times in Gradient",
                            calls.stream().filter(c -> c.method().equals("POST") && c.path().equals("/service")
                                    || c.method().equals("POST") && c.path().startsWith("/service") && !c.path().contains("/count"))
                                    .limit(8).map(c -> c + during(c)).toList());
                }
            });
        }
    }

    private void viewActive() {
        finalViews.forEach((p, view) -> {
            Optional<String> key = model.finalKey(p);
            if (key.isEmpty() || view.status() != 200) {
                return;
            }
            String gradient = integration(KeyBook.orgOf(key.get())).path("status").asText();
            String local = field(view.answer(), "status");
            if (gradient.equals("active") && !"ACTIVE".equals(local)) {
                add(Invariant.VIEW_ACTIVE, "partner-" + p + ": Gradient's integration is active, the view says "
                        + local, List.of(view.toString()));
            }
        });
    }

    // ------------------------------------------------------------------ 6: another organization's key

    private void orgGuard() {
        for (History.Entry e : entries) {
            if (e.op() instanceof Op.Put put && e.status() == 200 && !put.move()) {
                Optional<String> before = model.orgBefore(put.partner(), e.started());
                String org = KeyBook.orgOf(e.keyLabel());
                if (before.isPresent() && !before.get().equals(org)) {
                    add(Invariant.ORG_GUARD, "partner-" + put.partner() + " connected to " + before.get()
                            + " took a key of " + org + " without move", List.of(e.toString()));
                }
            }
        }
        for (int p = 0; p < shape.partners(); p++) {
            String prefix = shape.accountId(p, 0).replaceAll("0$", "");
            for (Map.Entry<String, String> org : integrationByOrg.entrySet()) {
                if (model.orgsEverConnected(p).contains(org.getKey())) {
                    continue;
                }
                long foreign = countsOf(org.getKey()).keySet().stream().filter(k -> k.startsWith(prefix)).count();
                if (foreign > 0) {
                    add(Invariant.ORG_GUARD, foreign + " count(s) of partner-" + p + "'s accounts landed in "
                            + org.getKey() + ", an organization no accepted PUT connected it to", lastLifecycle(p));
                }
            }
        }
    }

    // ------------------------------------------------------------------ 7, 8: input limits, deadline, answers

    private void inputLimits() {
        for (History.Entry e : entries) {
            if (e.status() == -1) {
                add(Invariant.HANDLERS_ANSWER, "a handler threw instead of answering", List.of(e.toString()));
            }
            if (e.op() instanceof Op.Deliver d && e.ended() - e.started() > GATEWAY_LIMIT_NANOS) {
                add(Invariant.DELIVERY_DEADLINE, "a delivery was answered after "
                        + History.millis(e.ended() - e.started()) + " ms", List.of(e.toString()));
            }
            if (e.op() instanceof Op.Deliver d && d.delivery().kind() == Delivery.Kind.SLOW_TABLE
                    && e.status() != 202 && e.status() != 503) {
                add(Invariant.DELIVERY_DEADLINE, "the slow-table delivery got " + e.status()
                        + " (expected 202, or 503 with nothing recorded)", List.of(e.toString()));
            }
            boolean longInput = e.op() instanceof Op.PutLongPartnerId
                    || e.op() instanceof Op.Deliver d && d.delivery().kind() == Delivery.Kind.LONG_ID;
            if (longInput && e.status() >= 500) {
                add(Invariant.INPUT_LIMITS, "long multi-byte ids within 256 characters got a " + e.status()
                        + " (expected 2xx, or 400 naming the field)", List.of(e.toString()));
            }
            if (e.op() instanceof Op.Deliver d && d.delivery().kind() == Delivery.Kind.CONTROL_CHAR
                    && (e.status() != 400 || !e.answer().contains("name"))) {
                add(Invariant.INPUT_LIMITS, "an account name with a control character got " + e.status()
                        + " (expected 400 naming the field)", List.of(e.toString()));
            }
        }
    }

    // ------------------------------------------------------------------ 2, 7, 8, 9: counts

    private void counts() {
        for (int p = 0; p < shape.partners(); p++) {
            Optional<String> key = model.finalKey(p);
            if (key.isEmpty()) {
                continue; // disconnected at the end: Gradient deleted or keeps nothing we promised
            }
            String org = KeyBook.orgOf(key.get());
            String prefix = shape.accountId(p, 0).replaceAll("0$", "");
            Map<String, BigDecimal> actual = new TreeMap<>();
            countsOf(org).forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    actual.put(k, v);
                }
            });
            Map<Model.Row, List<Delivery.Event>> eventsByRow = model.eventsByRow(p);
            Map<String, Long> expected = new TreeMap<>();
            model.counts(p).forEach((row, n) -> expected.put(row.account() + "/" + row.service(), n));
            countSummary.append(" partner-").append(p).append(": ").append(expected.size()).append(" rows (sum ")
                    .append(expected.values().stream().mapToLong(Long::longValue).sum()).append(") vs Gradient ")
                    .append(actual.size()).append(" (sum ").append(actual.values().stream()
                            .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString()).append(");");
            List<String> keys = new ArrayList<>(expected.keySet());
            actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(keys::add);
            for (String k : keys) {
                long want = expected.getOrDefault(k, 0L);
                BigDecimal got = actual.getOrDefault(k, BigDecimal.ZERO);
                if (got.compareTo(BigDecimal.valueOf(want)) != 0) {
                    String account = k.substring(0, k.lastIndexOf('/'));
                    String service = k.substring(k.lastIndexOf('/') + 1);
                    Delivery.Kind kind = rowKind(p, account, service);
                    add(invariantOf(kind), "partner-" + p + " " + Describe.text(account) + "/" + service + " in " + org
                            + ": Gradient has " + got.toPlainString() + ", the model says " + want + whyRow(kind),
                            rowEvidence(p, eventsByRow.getOrDefault(new Model.Row(p, account, service), List.of()),
                                    account, service));
                }
            }
        }
    }

    /**
     * The special delivery kind that carried this row's events, if any: the slow delivery's and the burst's rows are
     * theirs alone (services no random step uses), so a wrong count there is their fault, named by its own check.
     */
    private Delivery.Kind rowKind(int p, String account, String service) {
        Delivery.Kind kind = Delivery.Kind.NORMAL;
        for (History.Entry e : entries) {
            if (e.op() instanceof Op.Deliver d && d.delivery().events().stream()
                    .anyMatch(ev -> ev.partner() == p && account.equals(ev.accountId()) && service.equals(ev.service()))) {
                Delivery.Kind k = d.delivery().kind();
                kind = k == Delivery.Kind.FOLD_INSIDE || kind == Delivery.Kind.NORMAL ? k : kind;
            }
        }
        return kind;
    }

    private static Invariant invariantOf(Delivery.Kind kind) {
        return switch (kind) {
            case SLOW_TABLE -> Invariant.DELIVERY_DEADLINE;
            case FOLD_INSIDE -> Invariant.FOLD_INSIDE;
            default -> Invariant.COUNTS;
        };
    }

    private static String whyRow(Delivery.Kind kind) {
        return switch (kind) {
            case SLOW_TABLE -> " (the slow-table delivery's row: 202 must count all its events, 503 none)";
            case BURST -> " (the burst's row: more than 100 adds, then a set and an add older than all of them)";
            case FOLD_INSIDE -> " (a late set inside the row's folded adds)";
            default -> "";
        };
    }

    /** The row's accepted events in model order, then every delivery that carried an event of this row. */
    private List<String> rowEvidence(int p, List<Delivery.Event> ordered, String account, String service) {
        List<String> lines = new ArrayList<>();
        lines.add("model order: " + (ordered.size() > 12 ? Describe.events(ordered) : ordered.stream().map(e -> Describe.event(e)
                + (sharedId(p, e.id()) ? " (id also used by another partner)" : "")).collect(Collectors.joining(", "))));
        for (History.Entry e : entries) {
            if (e.op() instanceof Op.Deliver d && d.delivery().events().stream()
                    .anyMatch(ev -> ev.partner() == p && account.equals(ev.accountId()) && service.equals(ev.service()))) {
                lines.add(e.toString());
            }
        }
        return lines;
    }

    private boolean sharedId(int p, String id) {
        for (int q = 0; q < shape.partners(); q++) {
            if (q != p && model.accepted(q, id)) {
                return true;
            }
        }
        return false;
    }

    /** Per connected partner: how many rows and units the model expects and Gradient holds; the special deliveries. */
    String countSummary() {
        StringBuilder out = new StringBuilder(countSummary);
        for (History.Entry e : entries) {
            if (e.op() instanceof Op.Deliver d && d.delivery().kind() != Delivery.Kind.NORMAL
                    && d.delivery().kind() != Delivery.Kind.LONG_ID && d.delivery().kind() != Delivery.Kind.CONTROL_CHAR) {
                int p = d.delivery().events().get(0).partner();
                out.append("\n    d").append(d.delivery().number()).append(' ').append(d.delivery().kind())
                        .append(" partner-").append(p).append(": ").append(d.delivery().events().size())
                        .append(" events -> ").append(e.status()).append(" in ").append(History.millis(e.ended() - e.started()))
                        .append(" ms ").append(e.answer() == null ? "" : e.answer())
                        .append(model.finalKey(p).isPresent() ? "" : " (partner disconnected at the end: rows not compared)");
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ helpers

    /** (account/serviceKey) → count in {@code org}'s integration. */
    private Map<String, BigDecimal> countsOf(String org) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (JsonNode c : integration(org).path("counts")) {
            String service = serviceKeyByName.getOrDefault(c.path("serviceName").asText(), c.path("serviceName").asText());
            out.merge(c.path("accountId").asText() + "/" + service, c.path("unitCount").decimalValue(), BigDecimal::add);
        }
        return out;
    }

    private JsonNode integration(String org) {
        String id = integrationByOrg.get(org);
        for (JsonNode vendor : sandboxState.path("vendors")) {
            for (JsonNode i : vendor.path("integrations")) {
                if (i.path("integrationId").asText().equals(id)) {
                    return i;
                }
            }
        }
        return JSON.createObjectNode();
    }

    private Optional<Integer> partnerOfKey(String label) {
        if (label == null || label.equals("none") || label.equals("unknown")) {
            return Optional.empty();
        }
        String org = KeyBook.orgOf(label);
        for (int p = 0; p < shape.partners(); p++) {
            if (org.equals(shape.homeOrg(p)) || org.equals(shape.otherOrg(p))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Which step the call belongs to (its container was running exactly one step then). */
    private String during(GradientRecorder.Call call) {
        return entries.stream().filter(e -> e.container() == call.container() && e.inFlightAt(call.startedNanos()))
                .findFirst().map(e -> "  (during #" + e.index() + " " + Describe.op(e.op()) + ")").orElse("");
    }

    private List<String> evidence(History.Entry e, List<GradientRecorder.Call> calls) {
        List<String> lines = new ArrayList<>();
        lines.add(e.toString());
        calls.stream().limit(6).forEach(c -> lines.add("call: " + c));
        return lines;
    }

    private List<String> lastLifecycle(int p) {
        return entries.stream().filter(e -> switch (e.op()) {
            case Op.Put put -> put.partner() == p;
            case Op.Delete d -> d.partner() == p;
            case Op.MspDisconnect m -> m.org().equals(shape.homeOrg(p)) || m.org().equals(shape.otherOrg(p));
            case Op.Regenerate r -> r.org().equals(shape.homeOrg(p)) || r.org().equals(shape.otherOrg(p));
            default -> false;
        }).map(History.Entry::toString).toList();
    }

    static String field(String json, String name) {
        try {
            return JSON.readTree(json).path(name).asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "(unreadable)";
        }
    }

    private void add(Invariant invariant, String message, List<String> evidence) {
        violations.add(new Violation(invariant, message, evidence));
    }
}
