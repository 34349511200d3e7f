package io.gradientconnector.accountsync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.MetricUnit;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.LambdaDeadline;
import io.gradientconnector.lambda.LambdaLogs;
import io.gradientconnector.app.events.PendingDeliverySweep;
import io.gradientconnector.app.sync.SyncFanOut;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The EventBridge Scheduler target (hourly by default, {@code SyncSchedule}): queues one account
 * sync per connected partner ({@link SyncFanOut}). The schedule's payload carries nothing this
 * needs, so any JSON object is accepted. A queue failure fails the invocation, and the Scheduler's
 * retry runs the fan-out again (syncs queued twice are harmless). Then, with the time left, it finishes webhook
 * deliveries that were recorded but not yet applied ({@link PendingDeliverySweep}); what it does not reach waits for
 * the next run. Thread-safe.
 */
public final class ScheduleHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String FUNCTION = "account-sync-schedule";
    /** The function's timeout in template.yaml. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Metric SYNCS_QUEUED = Metric.of("syncsQueued", MetricUnit.COUNT);
    static final Metric FAN_OUT_INCOMPLETE = Metric.of("syncFanOutIncomplete", MetricUnit.COUNT);
    static final Metric DELIVERIES_COMPLETED = Metric.of("pendingDeliveriesCompleted", MetricUnit.COUNT);
    static final Metric PARTNERS_ACTIVE = Metric.of("partnersActive", MetricUnit.COUNT);
    static final Metric PARTNERS_PENDING = Metric.of("partnersPending", MetricUnit.COUNT);
    static final Metric PARTNERS_NEED_KEY = Metric.of("partnersInNeedsKey", MetricUnit.COUNT);
    static final Metric PARTNERS_DISCONNECTED = Metric.of("partnersDisconnected", MetricUnit.COUNT);

    private final SyncFanOut fanOut;
    private final PendingDeliverySweep sweep;
    private final JsonLog log;
    private final Metrics metrics;
    private final Clock clock;

    public ScheduleHandler() {
        this(Components.fromEnvironment(FUNCTION));
    }

    ScheduleHandler(Components components) {
        this(components.syncFanOut(), components.pendingDeliverySweep(), components.log(), components.metrics(),
                components.clock());
    }

    ScheduleHandler(SyncFanOut fanOut, PendingDeliverySweep sweep, JsonLog log, Metrics metrics, Clock clock) {
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.sweep = Objects.requireNonNull(sweep, "sweep");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        JsonLog requestLog = LambdaLogs.forInvocation(log, context);
        try {
            var deadline = LambdaDeadline.of(context, clock, TIMEOUT);
            SyncFanOut.Report report = fanOut.fanOut(deadline);
            metrics.count(SYNCS_QUEUED, report.queued());
            JsonLog reportLog = requestLog.with("queued", report.queued()).with("skipped", report.skipped());
            if (report.complete()) {
                // Gauges, once per run: how many partners are in each status (a partial listing would undercount).
                metrics.count(PARTNERS_ACTIVE, report.byStatus().get(PartnerStatus.ACTIVE));
                metrics.count(PARTNERS_PENDING, report.byStatus().get(PartnerStatus.PENDING));
                metrics.count(PARTNERS_NEED_KEY, report.byStatus().get(PartnerStatus.NEEDS_KEY));
                metrics.count(PARTNERS_DISCONNECTED, report.byStatus().get(PartnerStatus.DISCONNECTED));
                reportLog.info("account syncs queued");
            } else {
                metrics.count(FAN_OUT_INCOMPLETE);
                reportLog.error("account sync fan-out ran out of time; the partners not reached wait for the next run");
            }
            PendingDeliverySweep.Report swept = sweep.sweep(deadline);
            metrics.count(DELIVERIES_COMPLETED, swept.completed());
            if (swept.completed() > 0 || !swept.complete()) {
                requestLog.with("completed", swept.completed()).with("complete", swept.complete())
                        .info("pending webhook deliveries applied");
            }
            return Map.of("queued", report.queued(), "skipped", report.skipped(), "complete", report.complete(),
                    "deliveriesCompleted", swept.completed());
        } catch (QueueException e) {
            metrics.count(Metric.FAILURES);
            requestLog.error("the sync queue rejected the fan-out; the schedule retries it", e);
            throw e;
        } finally {
            metrics.flush();
        }
    }
}
