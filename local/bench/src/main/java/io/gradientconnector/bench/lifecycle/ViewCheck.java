package io.gradientconnector.bench.lifecycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Item 5 over every GET of the run, not only the final one (the quiet phase ends with syncs, and a sync records
 * whatever status it reads, so the final view alone cannot tell a view that lags until the next sync).
 *
 * <p>Gradient turns a {@code pending} integration {@code active} on the first accepted count. The <em>activation</em>
 * a GET is judged against is the latest count call (set, add or subtract) before it that Gradient accepted (2xx,
 * recorded by the {@link GradientRecorder}) with the key the partner held when the GET started, answered in time for
 * the connector to see the answer (under {@link #ANSWERED_NANOS}; the client gives up at 2 s). The GET must say
 * {@code ACTIVE} when it answered 200 and
 * <ul>
 *   <li>it started after the step that made the call had answered (that step records what it saw), and</li>
 *   <li>nothing between the call's start and the GET's answer could have changed the integration or the key: no
 *       {@code status/*} call with a key of that organization, no PUT or DELETE of the partner, no MSP disconnect
 *       or key regeneration of the organization.</li>
 * </ul>
 * A GET that started before the activation, or overlaps any of those, is not judged.
 */
final class ViewCheck {
    /** Well under the containers' 2 s Gradient timeout: the connector surely read the answer. */
    static final long ANSWERED_NANOS = 1_500_000_000L;

    private final Model model;
    private final List<History.Entry> entries;
    private final List<GradientRecorder.Call> calls;

    ViewCheck(Model model, List<History.Entry> entries, List<GradientRecorder.Call> calls) {
        this.model = model;
        this.entries = entries;
        this.calls = calls;
    }

    List<Violation> check() {
        List<Violation> found = new ArrayList<>();
        for (History.Entry get : entries) {
            if (!(get.op() instanceof Op.Get g) || get.status() != 200) {
                continue;
            }
            Optional<String> key = model.keyChangeBefore(g.partner(), get.started()).map(Model.KeyChange::keyLabel);
            if (key.isEmpty()) {
                continue;
            }
            Optional<GradientRecorder.Call> activation = calls.stream()
                    .filter(c -> isCount(c) && c.succeeded() && key.get().equals(c.keyLabel())
                            && c.endedNanos() - c.startedNanos() < ANSWERED_NANOS && c.endedNanos() < get.started())
                    .max(Comparator.comparingLong(GradientRecorder.Call::endedNanos));
            if (activation.isEmpty() || !judged(get, g.partner(), KeyBook.orgOf(key.get()), activation.get())) {
                continue;
            }
            String status = Checker.field(get.answer(), "status");
            if (!"ACTIVE".equals(status)) {
                found.add(new Violation(Invariant.VIEW_ACTIVE, "partner-" + g.partner() + ": a GET after Gradient"
                        + " accepted a count (so turned the integration active) says " + status, List.of(
                        "activated: " + activation.get() + stepOf(activation.get()).map(e -> "  (during #" + e.index()
                                + " " + Describe.op(e.op()) + ", answered " + History.millis(e.ended()) + "ms)").orElse(""),
                        "then:      " + get)));
            }
        }
        return found;
    }

    private boolean judged(History.Entry get, int partner, String org, GradientRecorder.Call activation) {
        long from = activation.startedNanos();
        long to = get.ended();
        boolean stepAnswered = stepOf(activation).map(e -> e.ended() < get.started()).orElse(true);
        boolean statusCall = calls.stream().anyMatch(c -> c.path().contains("/status/")
                && org.equals(KeyBook.orgOf(String.valueOf(c.keyLabel()))) && c.endedNanos() >= from && c.startedNanos() <= to);
        boolean keyOrIntegrationChanged = entries.stream().anyMatch(e -> e.ended() >= from && e.started() <= to
                && switch (e.op()) {
                    case Op.Put put -> put.partner() == partner;
                    case Op.Delete delete -> delete.partner() == partner;
                    case Op.MspDisconnect disconnect -> disconnect.org().equals(org);
                    case Op.Regenerate regenerate -> regenerate.org().equals(org);
                    default -> false;
                });
        return stepAnswered && !statusCall && !keyOrIntegrationChanged;
    }

    /** The step the call belongs to: its container runs one step at a time. */
    private Optional<History.Entry> stepOf(GradientRecorder.Call call) {
        return entries.stream().filter(e -> e.container() == call.container() && e.inFlightAt(call.startedNanos()))
                .findFirst();
    }

    private static boolean isCount(GradientRecorder.Call call) {
        return !call.method().equals("GET") && call.path().contains("/count");
    }
}
