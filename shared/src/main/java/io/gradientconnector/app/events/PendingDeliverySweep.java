package io.gradientconnector.app.events;

import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.PendingDeliveries;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.port.UsageLedger;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.UsageQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Finishes recorded webhook deliveries that the webhook could not apply in time (deadline reached, a store or queue
 * failure after the commit point, or a crash): every staged delivery older than {@link #MIN_AGE} (so a delivery
 * still being answered is left to its webhook) is applied like the webhook would, and completed. Run on the account
 * sync's schedule. Thread-safe if its collaborators are.
 */
public final class PendingDeliverySweep {
    /** Longer than any webhook invocation (API Gateway gives up after 29 s). */
    public static final Duration MIN_AGE = Duration.ofMinutes(1);
    private static final int BATCH = 10;

    /** {@code completed} deliveries finished; {@code complete} false when some are left for the next run. */
    public record Report(int completed, boolean complete) {
    }

    private final PendingDeliveries deliveries;
    private final DeliveryApplication application;
    private final Clock clock;
    private final JsonLog log;

    /** No alert queue here: a delivery holding an alert stays staged until a sweep with the queue applies it. */
    public static final AlertQueue NO_ALERT_QUEUE = DeliveryApplication.NO_ALERT_QUEUE;

    public PendingDeliverySweep(EventJournal journal, UsageLedger ledger, PartnerStore partners, UsageQueue queue,
                                PendingDeliveries deliveries, Clock clock, JsonLog log) {
        this(journal, ledger, partners, queue, DeliveryApplication.NO_ALERT_QUEUE, deliveries, clock, log,
                DeliveryApplication.DEFAULT_CONCURRENCY);
    }

    /**
     * With the alert queue, where the alerts of the deliveries it finishes are queued for dispatch, and
     * {@code applyConcurrency}: lanes of one delivery applied at once, as the webhook does (1: in order).
     */
    public PendingDeliverySweep(EventJournal journal, UsageLedger ledger, PartnerStore partners, UsageQueue queue,
                                AlertQueue alertQueue, PendingDeliveries deliveries, Clock clock, JsonLog log,
                                int applyConcurrency) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.application = new DeliveryApplication(Objects.requireNonNull(journal, "journal"),
                Objects.requireNonNull(ledger, "ledger"), Objects.requireNonNull(partners, "partners"),
                Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(alertQueue, "alertQueue"),
                deliveries, clock, log, applyConcurrency);
    }

    /**
     * Applies staged deliveries until none is left or {@code deadline}; a listing failure ends the run early. One
     * delivery that cannot be completed does not hold back the others of its batch: it is logged and left for the
     * next run, and this run stops after that batch (the listing would return it first again).
     */
    public Report sweep(Instant deadline) {
        int completed = 0;
        try {
            while (clock.instant().isBefore(deadline)) {
                List<StagedDelivery> batch = deliveries.stagedBefore(clock.instant().minus(MIN_AGE), BATCH);
                if (batch.isEmpty()) {
                    return new Report(completed, true);
                }
                boolean allCompleted = true;
                for (StagedDelivery delivery : batch) {
                    if (completes(delivery, deadline)) {
                        completed++;
                    } else {
                        allCompleted = false;
                    }
                }
                if (!allCompleted) {
                    return new Report(completed, false);
                }
            }
        } catch (StoreUnavailableException e) {
            log.error("staged deliveries could not be listed; the next run retries", e);
        }
        return new Report(completed, false);
    }

    /** One delivery, isolated: whatever it throws is logged (never its events) and it waits for the next run. */
    private boolean completes(StagedDelivery delivery, Instant deadline) {
        try {
            return application.apply(delivery, deadline).completed();
        } catch (RuntimeException e) {
            log.error("a staged delivery could not be applied; the next run retries it", e);
            return false;
        }
    }
}
