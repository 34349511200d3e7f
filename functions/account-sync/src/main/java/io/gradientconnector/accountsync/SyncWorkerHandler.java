package io.gradientconnector.accountsync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.MetricUnit;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.QueueMessages;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.lambda.Components;
import io.gradientconnector.lambda.LambdaDeadline;
import io.gradientconnector.lambda.SqsBatchPolicy;
import io.gradientconnector.app.sync.PartnerSync;
import io.gradientconnector.app.sync.SyncOutcome;
import io.gradientconnector.app.sync.SyncReport;
import io.gradientconnector.app.usage.UsagePushService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The sync-queue worker: one partner per message ({@link PartnerSync}, re-pushing through the same
 * {@link UsagePushService} as the usage-push worker). Messages are answered by the {@link SqsBatchPolicy}: a failed
 * sync, like an unreadable message, is reported as a batch item failure with its reason logged, so SQS redelivers it
 * and, after {@code maxReceiveCount}, moves it to the dead-letter queue; the other messages of the batch are
 * unaffected. A partner whose key Gradient rejected is finished (marked NEEDS_KEY), not retried.
 * Metrics: the sync's own (syncs, syncsSkipped, partnersNeedingKey, accountsCreated, accountsRenamed,
 * removedServiceRows, syncDurationMs, failures); the re-push's counts come from {@link UsagePushService} alone.
 * Thread-safe.
 */
public final class SyncWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final String FUNCTION = "account-sync-worker";
    /** The function's timeout in template.yaml. */
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final Metric SYNCS = Metric.of("syncs", MetricUnit.COUNT);
    static final Metric SYNCS_SKIPPED = Metric.of("syncsSkipped", MetricUnit.COUNT);
    static final Metric PARTNERS_NEEDING_KEY = Metric.of("partnersNeedingKey", MetricUnit.COUNT);
    static final Metric ACCOUNTS_CREATED = Metric.of("accountsCreated", MetricUnit.COUNT);
    static final Metric ACCOUNTS_RENAMED = Metric.of("accountsRenamed", MetricUnit.COUNT);
    /** Ledger rows a sync left unpushed because their service is no longer in the catalog (docs/CATALOG.md). */
    static final Metric REMOVED_SERVICE_ROWS = Metric.of("removedServiceRows", MetricUnit.COUNT);

    private final PartnerSync sync;
    private final Metrics metrics;
    private final Clock clock;
    private final SqsBatchPolicy batches;

    public SyncWorkerHandler() {
        this(Components.fromEnvironment(FUNCTION));
    }

    SyncWorkerHandler(Components components) {
        this(components.partnerSync(), components.log(), components.metrics(), components.clock());
    }

    SyncWorkerHandler(PartnerSync sync, JsonLog log, Metrics metrics, Clock clock) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.batches = new SqsBatchPolicy("sync", Objects.requireNonNull(log, "log"), metrics);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Instant deadline = LambdaDeadline.of(context, clock, TIMEOUT);
        return batches.eachMessage(event, context, QueueMessages::parseSyncRequest,
                message -> handle(message.value(), message.log(), deadline));
    }

    private SqsBatchPolicy.Result handle(SyncRequest request, JsonLog messageLog, Instant deadline) {
        JsonLog partnerLog = messageLog.with("partnerId", request.partnerId().value())
                .with("syncReason", request.reason().wire());
        Instant started = clock.instant();
        SyncOutcome outcome;
        try {
            outcome = sync.sync(request.partnerId(), deadline);
        } catch (RuntimeException e) {
            // A store, vault or queue failure: this message comes back, the rest of the batch goes on.
            metrics.count(Metric.FAILURES);
            partnerLog.error("account sync failed", e);
            return SqsBatchPolicy.Result.RETRY;
        } finally {
            metrics.duration(Metric.SYNC_DURATION_MS, Duration.between(started, clock.instant()));
        }
        return switch (outcome) {
            case SyncOutcome.Synced synced -> {
                report(partnerLog, synced.report());
                yield SqsBatchPolicy.Result.DONE;
            }
            case SyncOutcome.Skipped skipped -> {
                metrics.count(SYNCS_SKIPPED);
                partnerLog.with("skipReason", skipped.reason()).info("account sync skipped");
                yield SqsBatchPolicy.Result.DONE;
            }
            case SyncOutcome.NeedsKey needsKey -> {
                metrics.count(PARTNERS_NEEDING_KEY);
                partnerLog.with("marked", needsKey.marked())
                        .warn("Gradient rejected the partner's key; syncs and pushes stop until a new key is submitted");
                yield SqsBatchPolicy.Result.DONE;
            }
            case SyncOutcome.Failed failed -> {
                metrics.count(Metric.FAILURES);
                partnerLog.with("error", failed.reason()).with("retryable", failed.retryable())
                        .error("account sync failed; the message is retried, then moved to the dead-letter queue");
                yield SqsBatchPolicy.Result.RETRY;
            }
        };
    }

    private void report(JsonLog partnerLog, SyncReport report) {
        metrics.count(SYNCS);
        metrics.count(ACCOUNTS_CREATED, report.accountsCreated());
        metrics.count(ACCOUNTS_RENAMED, report.accountsRenamed());
        if (report.removedServiceRows() > 0) {
            metrics.count(REMOVED_SERVICE_ROWS, report.removedServiceRows());
            report.removedServices().forEach((service, rows) -> partnerLog.with("serviceKey", service.value())
                    .with("rows", rows)
                    .warn("service no longer in the catalog: its rows stay in the ledger and are not pushed"));
        }
        // pushes, unmapped, failures and throttledRetries of the re-push are counted once, by the
        // UsagePushService that made them (it shares this function's Metrics); counting them here too
        // doubled them.
        partnerLog.with("servicesCreated", report.servicesCreated())
                .with("accountsCreated", report.accountsCreated())
                .with("accountsRenamed", report.accountsRenamed())
                .with("accountsMapped", report.accountsMapped())
                .with("accountsUnmapped", report.accountsUnmapped())
                .with("recreated", report.recreated())
                .with("gradientStatus", report.gradientStatus().wireValue())
                .with("statusSetPending", report.statusSetPending())
                .with("countsPushed", report.pushes().pushed())
                .with("countsUnmapped", report.pushes().unmapped())
                .with("countsFailed", report.pushes().failed())
                .with("removedServiceRows", report.removedServiceRows())
                .info("account sync done");
    }
}
