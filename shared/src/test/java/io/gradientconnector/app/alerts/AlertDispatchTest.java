package io.gradientconnector.app.alerts;

import static io.gradientconnector.app.alerts.AlertFixture.PARTNER_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.AlertStage;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.port.gradient.AlertState;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.testing.InMemoryGradient;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatch and confirmation rules of {@link AlertDispatch} against in-memory stores, queue and Gradient. Tickets
 * are counted in the in-memory Gradient's own record of queued alerts, never in ours.
 */
class AlertDispatchTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private final AlertFixture f = new AlertFixture();
    private final AlertPolicy policy = AlertPolicy.defaults();
    private final AlertDispatch dispatch = f.dispatch(policy);

    @AfterEach
    void noSecretLogged() {
        String text = f.output();
        assertFalse(text.contains(AlertFixture.VENDOR_KEY) || text.contains(PARTNER_KEY), "a key reached the log");
    }

    /** Resolves every pending alert in Gradient as a ticket. */
    private Runnable ticketAll() {
        return () -> f.gradient.alerts(PARTNER_KEY).stream().filter(a -> a.state() == AlertState.PENDING)
                .forEach(a -> f.gradient.resolveAlert(PARTNER_KEY, a.messageId(), AlertState.SUCCESS,
                        "T-" + a.request().alertId(), null, List.of()));
    }

    private static final Runnable NOTHING = () -> { };

    @Test
    void handle_shouldSendOnceAndRecordTheTicket_whenGradientMakesOne() {
        VendorEvent.AlertRaised event = new VendorEvent.AlertRaised(io.gradientconnector.domain.EventId.of("alert-ü-1"),
                f.partnerId, f.clock.instant(), io.gradientconnector.domain.AccountId.of("a1"),
                "Sicherung fehlgeschlagen \u2014 \uD83D\uDD25 Server", "Zeile 1\nZeile 2\t\u00e9", 4, 6,
                Optional.of(io.gradientconnector.domain.ServiceKey.of(AlertFixture.SERVICE)), Optional.empty());
        AlertRef ref = f.raise(event);

        List<AlertDispatch.Step> steps = f.drive(dispatch, Duration.ofSeconds(1), NOTHING);
        assertEquals(List.of(AlertDispatch.Step.SENT), steps);
        assertEquals(AlertStage.SENT, f.stored(ref).stage());
        ticketAll().run();
        f.drive(dispatch, HOUR, NOTHING);

        List<InMemoryGradient.QueuedAlert> queued = f.gradient.alerts(PARTNER_KEY);
        assertEquals(1, queued.size(), "one ticket");
        InMemoryGradient.QueuedAlert sent = queued.get(0);
        assertEquals("alert-ü-1", sent.request().alertId());
        assertEquals(event.title(), sent.request().title(), "title exactly as raised");
        assertEquals(event.description(), sent.request().description(), "description exactly as raised");
        assertEquals(4, sent.request().priority());
        assertEquals(6, sent.request().status());
        assertEquals(f.sku, sent.request().serviceId(), "the catalog service's Gradient id");
        assertEquals("a1", sent.accountId());
        AlertRecord done = f.stored(ref);
        assertEquals(AlertStage.TICKETED, done.stage());
        assertEquals(Optional.of("T-alert-ü-1"), done.ticketId());
        assertEquals(Optional.of(sent.messageId()), done.messageId());
        assertTrue(f.output().contains("\"alertsTicketed\""), "ticket counted");
    }

    @Test
    void handle_shouldRetryWithTheSameAlertIdAndMakeOneTicket_when429And5xxAndRefused() {
        f.gradient.failOn(InMemoryGradient.ALERT,
                new RateLimitedException(InMemoryGradient.ALERT, "slow down", Optional.of(Duration.ofSeconds(30))),
                new ServerErrorException(503, InMemoryGradient.ALERT, "unavailable"),
                new GradientConnectionException(InMemoryGradient.ALERT, "connection refused", true,
                        new ConnectException("refused")));
        AlertRef ref = f.raise(f.event("retry-1", "a1", Optional.empty()));

        f.drive(dispatch, HOUR, ticketAll());

        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size(), "one ticket after three failed sends");
        assertEquals(4, f.gradient.calls("POST alert").size(), "sent four times, the same alert id each time");
        assertTrue(f.gradient.calls("POST alert").stream().allMatch(c -> c.endsWith(" retry-1")));
        AlertRecord done = f.stored(ref);
        assertEquals(AlertStage.TICKETED, done.stage());
        assertEquals(4, done.attempts());
        List<Duration> delays = f.queue.delays();
        assertEquals(Duration.ofSeconds(30), delays.get(0), "Retry-After honoured");
        assertTrue(delays.get(2).compareTo(delays.get(1)) > 0, "the send delay grows: " + delays);
    }

    @Test
    void handle_shouldMarkUnconfirmedAndNeverResend_whenTheOutcomeIsUnknown() {
        f.gradient.loseAnswerOn(InMemoryGradient.ALERT, new GradientConnectionException(InMemoryGradient.ALERT,
                "request timed out", true, new IOException("timed out")));
        AlertRef ref = f.raise(f.event("lost-1", "a1", Optional.empty()));

        f.drive(dispatch, Duration.ofDays(1), ticketAll());

        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size(), "Gradient got it once; it was never sent again");
        assertEquals(1, f.gradient.calls("POST alert").size());
        AlertRecord done = f.stored(ref);
        assertEquals(AlertStage.UNCONFIRMED, done.stage());
        assertTrue(done.lastError().orElseThrow().contains("outcome is unknown"), done.lastError().toString());
        String out = f.output();
        assertTrue(out.contains("\"alertsOutcomeUnknown\"") && out.contains("\"alertsUnconfirmed\""), out);
    }

    @Test
    void handle_shouldResendWithTheSameAlertId_whenTheOutcomeIsUnknownAndResendIsConfigured() {
        AlertPolicy resend = new AlertPolicy(policy.firstPoll(), policy.maxPollDelay(), policy.confirmWithin(),
                policy.dedupWindow(), AlertPolicy.UnknownOutcome.RESEND, policy.firstSendRetry(),
                policy.maxSendAttempts(), policy.sendingLease());
        f.gradient.loseAnswerOn(InMemoryGradient.ALERT, new GradientConnectionException(InMemoryGradient.ALERT,
                "request timed out", true, new IOException("timed out")));
        AlertRef ref = f.raise(f.event("lost-2", "a1", Optional.empty()));

        f.drive(f.dispatch(resend), HOUR, ticketAll());

        // The documented risk of RESEND: a Gradient that does not de-duplicate by alertId queues it twice.
        List<InMemoryGradient.QueuedAlert> queued = f.gradient.alerts(PARTNER_KEY);
        assertEquals(2, queued.size());
        assertTrue(queued.stream().allMatch(a -> a.request().alertId().equals("lost-2")), "same alertId");
        assertEquals(AlertStage.TICKETED, f.stored(ref).stage());
    }

    @Test
    void handle_shouldKeepTheStatusAndErrors_whenThePsaRefusesTheTicket() {
        AlertRef ref = f.raise(f.event("refused-1", "a1", Optional.empty()));
        f.drive(dispatch, HOUR, () -> f.gradient.alerts(PARTNER_KEY).stream()
                .filter(a -> a.state() == AlertState.PENDING)
                .forEach(a -> f.gradient.resolveAlert(PARTNER_KEY, a.messageId(), AlertState.FAILED, null, 422,
                        List.of("board not mapped", "contact missing"))));

        AlertRecord done = f.stored(ref);
        assertEquals(AlertStage.FAILED, done.stage());
        assertEquals(Optional.of(422), done.errorStatus());
        assertEquals(List.of("board not mapped", "contact missing"), done.errors());
    }

    @Test
    void handle_shouldFailWithGradientsMessage_whenTheSendIsRejected() {
        f.gradient.failOn(InMemoryGradient.ALERT, new BadRequestException(InMemoryGradient.ALERT, "title too long"));
        AlertRef ref = f.raise(f.event("bad-1", "a1", Optional.empty()));
        f.drive(dispatch, HOUR, NOTHING);
        AlertRecord done = f.stored(ref);
        assertEquals(AlertStage.FAILED, done.stage());
        assertEquals(Optional.of(400), done.errorStatus());
        assertEquals(List.of("title too long"), done.errors());
        assertEquals(0, f.gradient.alerts(PARTNER_KEY).size());
    }

    @Test
    void handle_shouldPollWithGrowingDelaysThenMarkUnconfirmed_whenGradientNeverAnswers() {
        AlertRef ref = f.raise(f.event("stuck-1", "a1", Optional.empty()));
        f.drive(dispatch, Duration.ofDays(1), NOTHING);

        AlertRecord done = f.stored(ref);
        assertEquals(AlertStage.UNCONFIRMED, done.stage());
        assertTrue(done.lastError().orElseThrow().contains("no final answer"));
        List<Duration> delays = f.queue.delays();
        assertEquals(policy.firstPoll(), delays.get(0));
        assertTrue(delays.get(3).compareTo(delays.get(1)) > 0, "backoff grows: " + delays);
        assertTrue(delays.stream().allMatch(d -> d.compareTo(policy.maxPollDelay()) <= 0), "capped: " + delays);
        assertTrue(done.updatedAt().isBefore(done.sentAt().orElseThrow().plus(policy.confirmWithin()).plusSeconds(2)),
                "bounded wait");
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size(), "never sent again");
    }

    @Test
    void handle_shouldRecordARepeat_whileAnEarlierAlertWithTheSameKeyIsOpen() {
        AlertRef first = f.raise(f.event("k-1", "a1", Optional.of("disk-full")));
        f.drive(dispatch, Duration.ofSeconds(1), NOTHING); // first is SENT (pending in Gradient)
        AlertRef repeat = f.raise(f.event("k-2", "a1", Optional.of("disk-full")));
        AlertRef otherAccount = f.raise(f.event("k-3", "a2", Optional.of("disk-full")));
        f.drive(dispatch, Duration.ofSeconds(1), NOTHING);

        assertEquals(AlertStage.REPEAT, f.stored(repeat).stage());
        assertEquals(Optional.of("k-1"), f.stored(repeat).repeatOf());
        assertEquals(AlertStage.SENT, f.stored(otherAccount).stage(), "the key is per account");

        ticketAll().run();
        f.drive(dispatch, Duration.ofMinutes(5), NOTHING);
        assertEquals(AlertStage.TICKETED, f.stored(first).stage());
        AlertRef withinWindow = f.raise(f.event("k-4", "a1", Optional.of("disk-full")));
        f.drive(dispatch, Duration.ofSeconds(1), NOTHING);
        assertEquals(AlertStage.REPEAT, f.stored(withinWindow).stage(), "a ticket keeps the key open for the window");

        f.clock.advance(policy.dedupWindow().plusSeconds(1));
        AlertRef afterWindow = f.raise(f.event("k-5", "a1", Optional.of("disk-full")));
        f.drive(dispatch, Duration.ofSeconds(1), NOTHING);
        assertEquals(AlertStage.SENT, f.stored(afterWindow).stage(), "after the window it is sent");
        assertEquals(3, f.gradient.alerts(PARTNER_KEY).size(), "k-1, k-3, k-5 sent; k-2, k-4 not");
    }

    @Test
    void handle_shouldSendTheNextAlertWithTheKey_whenTheOpenOneFailed() {
        f.raise(f.event("f-1", "a1", Optional.of("cpu")));
        f.drive(dispatch, HOUR, () -> f.gradient.alerts(PARTNER_KEY).stream()
                .filter(a -> a.state() == AlertState.PENDING)
                .forEach(a -> f.gradient.resolveAlert(PARTNER_KEY, a.messageId(), AlertState.FAILED, null, 500,
                        List.of("psa down"))));
        AlertRef next = f.raise(f.event("f-2", "a1", Optional.of("cpu")));
        f.drive(dispatch, Duration.ofSeconds(1), NOTHING);
        assertEquals(AlertStage.SENT, f.stored(next).stage());
    }

    @Test
    void handle_shouldLetExactlyOneOfManyRacingAlertsHoldTheKey() throws Exception {
        List<AlertRef> refs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            refs.add(f.raise(f.event("race-" + i, "a1", Optional.of("same"))));
        }
        f.queue.takeDue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (AlertRef ref : refs) {
                pool.submit(() -> {
                    start.await();
                    return dispatch.handle(ref, f.clock.instant().plusSeconds(30));
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        long sent = refs.stream().filter(r -> f.stored(r).stage() == AlertStage.SENT).count();
        long repeats = refs.stream().filter(r -> f.stored(r).stage() == AlertStage.REPEAT).count();
        assertEquals(1, sent);
        assertEquals(7, repeats);
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size());
    }

    @Test
    void handle_shouldSendOnce_whenManyWorkersGetTheSameMessage() throws Exception {
        AlertRef ref = f.raise(f.event("dup-msg", "a1", Optional.empty()));
        f.queue.takeDue();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 6; i++) {
                pool.submit(() -> {
                    start.await();
                    return dispatch.handle(ref, f.clock.instant().plusSeconds(30));
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size());
        assertEquals(1, f.gradient.calls("POST alert").size());
    }

    @Test
    void handle_shouldWaitForTheNextSync_whenTheAccountIsNotMapped() {
        AlertRef ref = f.raise(f.event("unmapped-1", "a3", Optional.empty()));
        f.drive(dispatch, HOUR, NOTHING);
        assertEquals(AlertStage.UNMAPPED, f.stored(ref).stage());
        assertEquals(0, f.gradient.alerts(PARTNER_KEY).size());
        assertEquals(0, f.queue.size(), "not retried in a loop");

        f.gradient.map(PARTNER_KEY, "a3");
        assertEquals(1, new WaitingAlerts(f.alerts, f.queue).requeue(f.partnerId), "the sync queues it again");
        f.drive(dispatch, HOUR, ticketAll());
        assertEquals(AlertStage.TICKETED, f.stored(ref).stage());
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size());
    }

    @Test
    void handle_shouldWaitForANewKeyAndDropNothing_whenTheKeyIsRevoked() {
        f.gradient.failOn(InMemoryGradient.ALERT, new UnauthorizedException(InMemoryGradient.ALERT, "Unauthorized"));
        AlertRef ref = f.raise(f.event("revoked-1", "a1", Optional.empty()));
        f.drive(dispatch, HOUR, NOTHING);
        assertEquals(AlertStage.WAITING_KEY, f.stored(ref).stage());
        assertEquals(PartnerStatus.NEEDS_KEY, f.stores.partners().get(f.partnerId).orElseThrow().status());

        // A new key is stored (the PUT), the partner is connected again, and its sync queues the waiting alerts.
        f.stores.partners().save(f.stores.partners().get(f.partnerId).orElseThrow().toBuilder()
                .status(PartnerStatus.ACTIVE).build());
        new WaitingAlerts(f.alerts, f.queue).requeue(f.partnerId);
        f.drive(dispatch, HOUR, ticketAll());
        assertEquals(AlertStage.TICKETED, f.stored(ref).stage());
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size());
    }

    @Test
    void handle_shouldTreatAStaleClaimAsUnknown_whenItsWorkerStoppedMidSend() {
        AlertRef ref = f.raise(f.event("stale-1", "a1", Optional.empty()));
        f.queue.takeDue();
        AlertRecord queued = f.stored(ref);
        assertTrue(f.alerts.update(queued.sending(f.clock.instant()))); // a worker claimed it, then died
        f.queue.enqueue(List.of(ref)); // SQS redelivers
        f.drive(dispatch, Duration.ofSeconds(1), NOTHING);
        assertEquals(AlertStage.SENDING, f.stored(ref).stage(), "within the lease: looked at again later");
        f.drive(dispatch, policy.sendingLease().plusSeconds(5), NOTHING);
        assertEquals(AlertStage.UNCONFIRMED, f.stored(ref).stage());
        assertEquals(0, f.gradient.calls("POST alert").size(), "never sent blindly");
    }

    @Test
    void journal_shouldRecordARedeliveredAlertOnce_andTheTotalsCountItOnce() {
        VendorEvent.AlertRaised event = f.event("redelivered", "a1", Optional.empty());
        assertEquals(RecordOutcome.APPLIED, f.stores.journal().record(event).outcome());
        assertEquals(RecordOutcome.DUPLICATE, f.stores.journal().record(event).outcome());
        f.queue.enqueue(List.of(event.ref(), event.ref()));
        f.queue.enqueue(List.of(event.ref()));
        f.drive(dispatch, HOUR, ticketAll());
        AlertTotals totals = AlertTotals.count(f.alerts, f.partnerId);
        assertEquals(new AlertTotals(1, 1, 0, 0, 0, 0, event.occurredAt().toString()), totals);
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size());
    }

    @Test
    void handle_shouldWaitForAKey_whenThePartnerIsDisconnected() {
        f.stores.partners().markDisconnected(f.partnerId, f.clock.instant());
        AlertRef ref = f.raise(f.event("disc-1", "a1", Optional.empty()));
        f.drive(dispatch, HOUR, NOTHING);
        assertEquals(AlertStage.WAITING_KEY, f.stored(ref).stage());
        assertEquals(0, f.gradient.calls("POST alert").size());
    }

    @Test
    void handle_shouldNeverResend_whenRecordingTheMessageIdFails() {
        AlertRef ref = f.raise(f.event("store-down", "a1", Optional.empty()));
        f.queue.takeDue();
        // The table fails right after Gradient queued the alert: the claim must not be handed back.
        io.gradientconnector.port.AlertStore flaky = new io.gradientconnector.port.AlertStore() {
            private int updates;

            @Override
            public Optional<AlertRecord> get(AlertRef r) {
                return f.alerts.get(r);
            }

            @Override
            public boolean update(AlertRecord next) {
                if (++updates == 2) {
                    throw new io.gradientconnector.port.StoreUnavailableException("table down (test)", null);
                }
                return f.alerts.update(next);
            }

            @Override
            public io.gradientconnector.port.Page<AlertRecord> list(io.gradientconnector.domain.PartnerId p,
                    java.util.Set<AlertStage> s, Optional<String> c, int l) {
                return f.alerts.list(p, s, c, l);
            }

            @Override
            public Optional<io.gradientconnector.domain.EventId> claimDedupKey(AlertRecord a, java.time.Instant now) {
                return f.alerts.claimDedupKey(a, now);
            }

            @Override
            public void openDedupKeyUntil(AlertRecord h, java.time.Instant until) {
                f.alerts.openDedupKeyUntil(h, until);
            }
        };
        AlertDispatch withFlakyStore = new AlertDispatch(flaky, f.queue, f.stores.partners(), f.stores.catalog(), f.vault,
                f.gradient, policy, f.clock, f.log, f.metrics);
        org.junit.jupiter.api.Assertions.assertThrows(io.gradientconnector.port.StoreUnavailableException.class,
                () -> withFlakyStore.handle(ref, f.clock.instant().plusSeconds(30)));
        assertEquals(AlertStage.SENDING, f.stored(ref).stage(), "the claim stays: never handed back after a send");

        f.queue.enqueue(List.of(ref)); // SQS redelivers the message
        f.drive(dispatch, Duration.ofHours(1), ticketAll());
        assertEquals(AlertStage.UNCONFIRMED, f.stored(ref).stage(), "the lease ends it as an unknown outcome");
        assertEquals(1, f.gradient.alerts(PARTNER_KEY).size(), "sent once");
    }
}
