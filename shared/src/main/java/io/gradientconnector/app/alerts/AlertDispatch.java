package io.gradientconnector.app.alerts;

import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.FencedSession;
import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.MetricUnit;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.AlertQueue;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.CatalogStore;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.gradient.AlertCreated;
import io.gradientconnector.port.gradient.AlertRequest;
import io.gradientconnector.port.gradient.AlertStatus;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.NotFoundException;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: one look at one alert (an alert-queue message). What happens depends only on the alert's stored
 * {@link AlertStage}, so duplicate and late messages are harmless (docs/GUARANTEES.md, "Alerts"):
 * <ul>
 *   <li>QUEUED / UNMAPPED / WAITING_KEY: <b>send</b>. The partner must hold a key (else WAITING_KEY) and the alert's
 *       service must exist in Gradient (else UNMAPPED). A dedup key still held open by an earlier alert of the same
 *       account makes it a REPEAT ({@link AlertStore#claimDedupKey}: one conditional write). Then the alert is
 *       <em>claimed</em> (SENDING, version-guarded: of two workers one sends) before the single POST, which the client
 *       never repeats. Gradient's {@code messageId} is stored (SENT) before anything else can happen, and the first
 *       confirmation look is queued.</li>
 *   <li>The POST's answer decides: 201 → SENT; 429, 5xx, or a connection never made → QUEUED again, sent again later
 *       with the same {@code alertId} (growing delay), FAILED after {@link AlertPolicy#maxSendAttempts()}; 404 →
 *       UNMAPPED (the next account sync queues it again); 401 → WAITING_KEY and the partner NEEDS_KEY (a new key's
 *       sync queues it again); another 4xx → FAILED with Gradient's status and message. A timeout or a lost
 *       connection after the request left is an <b>unknown outcome</b>: by default UNCONFIRMED and never sent again
 *       (no second ticket possible); with {@link AlertPolicy.UnknownOutcome#RESEND} sent again with the same
 *       {@code alertId} (only safe if Gradient de-duplicates by it, UNCONFIRMED).</li>
 *   <li>SENDING: a send is in flight, or its worker stopped mid-send. Within {@link AlertPolicy#sendingLease()} it is
 *       looked at again later; past it, its outcome is unknown (as above).</li>
 *   <li>SENT: <b>confirm</b>: read the debug route. {@code success} → TICKETED (ticket id kept; the dedup key stays
 *       open for {@link AlertPolicy#dedupWindow()}); {@code failed} → FAILED (the PSA's status and errors kept);
 *       {@code pending} or any failure to read → looked at again after a growing delay, until
 *       {@link AlertPolicy#confirmWithin()} has passed since the send: then UNCONFIRMED.</li>
 *   <li>TICKETED, FAILED, UNCONFIRMED, REPEAT: nothing.</li>
 * </ul>
 * Every transition is version-guarded: a worker that loses a race stops (the winner carries the alert on). Store,
 * vault and queue failures are thrown, so SQS redelivers the message. Thread-safe if its collaborators are.
 */
public final class AlertDispatch {
    /** Alerts Gradient accepted (answered with a messageId). */
    public static final Metric ALERTS_SENT = Metric.of("alertsSent", MetricUnit.COUNT);
    /** Alerts that became PSA tickets. */
    public static final Metric ALERTS_TICKETED = Metric.of("alertsTicketed", MetricUnit.COUNT);
    /** Alerts Gradient or the PSA refused (debug route {@code failed}, a 4xx to the send, or too many attempts). */
    public static final Metric ALERTS_FAILED = Metric.of("alertsFailed", MetricUnit.COUNT);
    /** Alerts never confirmed: no final answer in time, or an unknown send outcome. */
    public static final Metric ALERTS_UNCONFIRMED = Metric.of("alertsUnconfirmed", MetricUnit.COUNT);
    /** Sends whose outcome is unknown (timeout or lost connection after the request left, a worker stopped). */
    public static final Metric ALERTS_OUTCOME_UNKNOWN = Metric.of("alertsOutcomeUnknown", MetricUnit.COUNT);
    /** Alerts not sent because an earlier alert with the same dedup key was still open. */
    public static final Metric ALERTS_REPEATED = Metric.of("alertsRepeated", MetricUnit.COUNT);
    /** Sends put off after a 429, a 5xx or a connection that was never made. */
    public static final Metric ALERT_SEND_RETRIES = Metric.of("alertSendRetries", MetricUnit.COUNT);
    /** Alerts parked until an account sync or a new key (404 unmapped, 401, partner not connected). */
    public static final Metric ALERTS_WAITING = Metric.of("alertsWaiting", MetricUnit.COUNT);

    /** What one look did (for logs and tests); every one is final for its message. */
    public enum Step {
        /** Nothing to do: finished before, unknown (expired), or another worker moved it meanwhile. */
        NOTHING,
        SENT,
        /** Put off: sent or read again later (a message was queued with a delay). */
        LATER,
        WAITING,
        REPEAT,
        TICKETED,
        FAILED,
        UNCONFIRMED
    }

    private final AlertStore alerts;
    private final AlertQueue queue;
    private final PartnerStore partners;
    private final CatalogStore catalog;
    private final FencedSessions sessions;
    private final AlertPolicy policy;
    private final Clock clock;
    private final JsonLog log;
    private final Metrics metrics;

    public AlertDispatch(AlertStore alerts, AlertQueue queue, PartnerStore partners, CatalogStore catalog,
                         KeyVault vault, Gradient gradient, AlertPolicy policy, Clock clock, JsonLog log,
                         Metrics metrics) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.partners = Objects.requireNonNull(partners, "partners");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sessions = new FencedSessions(partners, Objects.requireNonNull(vault, "vault"),
                Objects.requireNonNull(gradient, "gradient"));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** One look at {@code ref}, every Gradient call bounded by {@code deadline}. */
    public Step handle(AlertRef ref, Instant deadline) {
        Optional<AlertRecord> stored = alerts.get(ref);
        if (stored.isEmpty()) {
            log.with("partnerId", ref.partnerId().value()).with("alertId", ref.alertId().value())
                    .warn("alert not found (expired or never recorded); nothing to do");
            return Step.NOTHING;
        }
        AlertRecord alert = stored.get();
        return switch (alert.stage()) {
            case QUEUED, UNMAPPED, WAITING_KEY -> send(alert, deadline);
            case SENDING -> inFlight(alert);
            case SENT -> confirm(alert, deadline);
            case TICKETED, FAILED, UNCONFIRMED, REPEAT -> Step.NOTHING;
        };
    }

    // ---- send ------------------------------------------------------------------------------------

    private Step send(AlertRecord alert, Instant deadline) {
        Instant now = clock.instant();
        VendorEvent.AlertRaised event = alert.event();
        Optional<PartnerRecord> partner = partners.get(alert.partnerId());
        if (partner.isEmpty() || !partner.get().hasCurrentKey()) {
            return park(alert, AlertStage.WAITING_KEY, "the partner is not connected; a new key's sync sends it");
        }
        if (partner.get().status() == PartnerStatus.NEEDS_KEY) {
            return park(alert, AlertStage.WAITING_KEY, "the partner key was rejected; a new key's sync sends it");
        }
        Optional<String> serviceId = Optional.empty();
        if (event.service().isPresent()) {
            serviceId = catalog.gradientServiceId(event.service().get());
            if (serviceId.isEmpty()) {
                return park(alert, AlertStage.UNMAPPED, "service " + event.service().get().value()
                        + " is not created in Gradient yet; the next account sync creates it and sends the alert");
            }
        }
        if (event.dedupKey().isPresent() && alert.attempts() == 0) {
            Optional<EventId> open = alerts.claimDedupKey(alert, now);
            if (open.isPresent() && !open.get().equals(alert.alertId())) {
                if (alerts.update(alert.repeatOf(open.get(), now))) {
                    metrics.count(ALERTS_REPEATED);
                    log(alert).with("repeatOf", open.get().value()).info("alert is a repeat of an open alert; not sent");
                    return Step.REPEAT;
                }
                return Step.NOTHING;
            }
        }
        AlertRecord claimed = alert.sending(now);
        if (!alerts.update(claimed)) {
            return Step.NOTHING; // another worker claimed or moved it
        }
        FencedSession session = null;
        AlertCreated created;
        try {
            session = sessions.open(partner.get(), deadline);
            created = session.dispatchAlert(event.accountId().value(), request(event, serviceId));
        } catch (Fenced fenced) {
            return fenced.reason() == Fenced.Reason.DISCONNECTED
                    ? release(claimed, AlertStage.WAITING_KEY, "the partner disconnected; a new key's sync sends it")
                    : retryLater(claimed, "the partner key could not be read yet", Optional.empty());
        } catch (UnauthorizedException rejected) {
            partners.markNeedsKey(alert.partnerId(), session.fingerprint(), "Gradient rejected the partner key (401)",
                    clock.instant());
            return release(claimed, AlertStage.WAITING_KEY, "Gradient rejected the partner key (401); a new key's"
                    + " sync sends it");
        } catch (NotFoundException unmapped) {
            return release(claimed, AlertStage.UNMAPPED, "Gradient answered 404 (account not mapped); the next"
                    + " account sync sends it again");
        } catch (RateLimitedException limited) {
            return retryLater(claimed, describe(limited), limited.retryAfter());
        } catch (ServerErrorException serverError) {
            return retryLater(claimed, describe(serverError), Optional.empty());
        } catch (GradientConnectionException lost) {
            if (lost.requestNotSent()) {
                return retryLater(claimed, describe(lost), Optional.empty());
            }
            return unknownOutcome(claimed, "the send's outcome is unknown: " + describe(lost));
        } catch (GradientException refused) {
            if (refused.status() >= 200 && refused.status() <= 299) {
                // Gradient accepted it but its answer could not be read: queued, with no messageId to follow.
                return unknownOutcome(claimed, "the send was accepted but its answer unreadable: " + describe(refused));
            }
            AlertRecord failed = claimed.failed(Optional.of(refused.status()),
                    List.of(refused.gradientMessage().isEmpty() ? describe(refused) : refused.gradientMessage()),
                    clock.instant());
            return finish(failed, Step.FAILED);
        } catch (RuntimeException beforeSending) {
            // A vault or store failure before the POST (the fence's checks): nothing was sent. Hand the claim back
            // so the redelivered message sends it; if even that fails, the claim's lease ends it as unknown.
            alerts.update(claimed.waiting(AlertStage.QUEUED, "not sent: " + beforeSending.getClass().getSimpleName(),
                    clock.instant()));
            throw beforeSending;
        }
        // Outside the try: a failure to record what Gradient answered must never hand the claim back (that could
        // send it twice); the claim stays SENDING and its lease ends it as an unknown outcome.
        return sent(claimed, created);
    }

    private Step sent(AlertRecord claimed, AlertCreated created) {
        AlertRecord sent = claimed.sent(created.messageId(), clock.instant());
        if (!alerts.update(sent)) {
            // Only the claim's holder writes SENDING -> SENT; losing means the lease already ran out elsewhere.
            log(claimed).with("messageId", created.messageId()).error("sent, but the claim was lost; not recorded");
            return Step.NOTHING;
        }
        metrics.count(ALERTS_SENT);
        log(sent).with("messageId", created.messageId()).info("alert queued by Gradient");
        queue.enqueueLater(sent.ref(), policy.firstPoll());
        return Step.SENT;
    }

    private static AlertRequest request(VendorEvent.AlertRaised event, Optional<String> serviceId) {
        return AlertRequest.builder(event.id().value(), event.title(), event.description())
                .priority(event.priority())
                .status(event.status())
                .serviceId(serviceId.orElse(null))
                .build();
    }

    /** Parked before any claim: waits for a sync (UNMAPPED, WAITING_KEY). */
    private Step park(AlertRecord alert, AlertStage stage, String why) {
        if (alert.stage() == stage) {
            return Step.WAITING; // already waiting for that; nothing to write
        }
        if (!alerts.update(alert.waiting(stage, why, clock.instant()))) {
            return Step.NOTHING;
        }
        metrics.count(ALERTS_WAITING);
        log(alert).with("stage", stage.wire()).info("alert waits: " + why);
        return Step.WAITING;
    }

    /** The claim handed back without anything reaching Gradient; waits for a sync. */
    private Step release(AlertRecord claimed, AlertStage stage, String why) {
        if (!alerts.update(claimed.waiting(stage, why, clock.instant()))) {
            return Step.NOTHING;
        }
        metrics.count(ALERTS_WAITING);
        log(claimed).with("stage", stage.wire()).info("alert waits: " + why);
        return Step.WAITING;
    }

    /** Nothing was queued by Gradient: send again later, or give up after too many sends. */
    private Step retryLater(AlertRecord claimed, String why, Optional<Duration> retryAfter) {
        Instant now = clock.instant();
        if (claimed.attempts() >= policy.maxSendAttempts()) {
            AlertRecord failed = claimed.failed(Optional.empty(), List.of("gave up after " + claimed.attempts()
                    + " sends; the last: " + why), now);
            return finish(failed, Step.FAILED);
        }
        if (!alerts.update(claimed.waiting(AlertStage.QUEUED, why, now))) {
            return Step.NOTHING;
        }
        Duration delay = policy.sendDelay(claimed.attempts());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get().compareTo(AlertPolicy.MAX_DELAY) < 0 ? retryAfter.get() : AlertPolicy.MAX_DELAY;
        }
        metrics.count(ALERT_SEND_RETRIES);
        log(claimed).with("delaySeconds", delay.toSeconds()).warn("alert not sent; sending again later: " + why);
        queue.enqueueLater(claimed.ref(), delay);
        return Step.LATER;
    }

    private Step unknownOutcome(AlertRecord claimed, String why) {
        metrics.count(ALERTS_OUTCOME_UNKNOWN);
        if (policy.unknownOutcome() == AlertPolicy.UnknownOutcome.RESEND) {
            log(claimed).warn(why + "; sending again with the same alertId (ALERT_UNKNOWN_OUTCOME=resend)");
            return retryLater(claimed, why, Optional.empty());
        }
        log(claimed).warn(why + "; marked unconfirmed and not sent again (ALERT_UNKNOWN_OUTCOME=unconfirmed)");
        return finish(claimed.unconfirmed(why, clock.instant()), Step.UNCONFIRMED);
    }

    private Step inFlight(AlertRecord alert) {
        Instant since = alert.sendingSince().orElse(alert.updatedAt());
        Duration left = Duration.between(clock.instant(), since.plus(policy.sendingLease()));
        if (left.isPositive()) {
            queue.enqueueLater(alert.ref(), left.plusSeconds(1));
            return Step.LATER;
        }
        return unknownOutcome(alert, "a send was started at " + since + " and never recorded (its worker stopped)");
    }

    // ---- confirm ---------------------------------------------------------------------------------

    private Step confirm(AlertRecord alert, Instant deadline) {
        Instant now = clock.instant();
        Instant giveUpAt = alert.sentAt().orElse(alert.updatedAt()).plus(policy.confirmWithin());
        if (!now.isBefore(giveUpAt)) {
            return finish(alert.unconfirmed("no final answer from Gradient within " + policy.confirmWithin()
                    + " of the send", now), Step.UNCONFIRMED);
        }
        String messageId = alert.messageId().orElseThrow();
        String why;
        try {
            PartnerRecord partner = partners.get(alert.partnerId()).orElse(null);
            if (partner == null || !partner.hasCurrentKey()) {
                why = "the partner is not connected";
            } else {
                AlertStatus status = sessions.open(partner, deadline).alertStatus(messageId);
                switch (status.status()) {
                    case SUCCESS -> {
                        return finish(alert.ticketed(status.ticketId(), now), Step.TICKETED);
                    }
                    case FAILED -> {
                        List<String> errors = !status.errors().isEmpty() ? status.errors()
                                : status.message() == null ? List.of("failed") : List.of(status.message());
                        return finish(alert.failed(Optional.ofNullable(status.statusCode()), errors, now), Step.FAILED);
                    }
                    case PENDING -> why = null;
                    default -> throw new IllegalStateException("unknown alert state " + status.status());
                }
            }
        } catch (Fenced fenced) {
            why = fenced.getMessage();
        } catch (GradientException unreadable) {
            why = "the debug route could not be read: " + describe(unreadable);
        }
        AlertRecord polled = alert.polled(why, now);
        if (!alerts.update(polled)) {
            return Step.NOTHING; // a concurrent look moved it and carries it on
        }
        Duration delay = policy.pollDelay(alert.polls());
        Duration left = Duration.between(now, giveUpAt).plusSeconds(1);
        queue.enqueueLater(alert.ref(), delay.compareTo(left) < 0 ? delay : left);
        return Step.LATER;
    }

    /** Stores a final stage, counts it and settles the dedup key (open for the window after a ticket, else closed). */
    private Step finish(AlertRecord done, Step step) {
        if (!alerts.update(done)) {
            return Step.NOTHING;
        }
        Instant now = done.updatedAt();
        switch (done.stage()) {
            case TICKETED -> metrics.count(ALERTS_TICKETED);
            case FAILED -> metrics.count(ALERTS_FAILED);
            case UNCONFIRMED -> metrics.count(ALERTS_UNCONFIRMED);
            default -> { }
        }
        alerts.openDedupKeyUntil(done, done.stage() == AlertStage.TICKETED ? now.plus(policy.dedupWindow()) : now);
        if (done.stage() == AlertStage.TICKETED) {
            log(done).with("ticketId", done.ticketId().orElse("")).info("alert became a PSA ticket");
        } else {
            log(done).with("stage", done.stage().wire()).warn("alert ended without a ticket: "
                    + String.join("; ", done.errors().isEmpty() ? List.of(done.lastError().orElse("")) : done.errors()));
        }
        return step;
    }

    private JsonLog log(AlertRecord alert) {
        return log.with("partnerId", alert.partnerId().value()).with("alertId", alert.alertId().value());
    }

    private static String describe(GradientException failure) {
        return failure.getMessage();
    }
}
