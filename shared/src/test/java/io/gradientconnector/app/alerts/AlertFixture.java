package io.gradientconnector.app.alerts;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.AlertRecord;
import io.gradientconnector.domain.AlertRef;
import io.gradientconnector.domain.EventId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.testing.InMemoryAlertQueue;
import io.gradientconnector.testing.InMemoryAlertStore;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryKeyVault;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One connected partner with in-memory stores, queue and Gradient, and a driver that plays the alert queue like SQS
 * (each message when due, the clock moved to it). Shared by the alert unit tests.
 */
final class AlertFixture {
    static final String VENDOR_KEY = "VENDORSECRET-alerts";
    static final String PARTNER_KEY = "PARTNERSECRET-alerts";
    static final String SERVICE = "backup-server";

    final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    final InMemoryAlertStore alerts = InMemoryStores.alerts(stores);
    final InMemoryAlertQueue queue = new InMemoryAlertQueue(clock);
    final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    final InMemoryKeyVault vault = InMemoryKeyVault.create(Secret.of(VENDOR_KEY), WebhookSecrets.of(Secret.of("whsec")));
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final PartnerId partnerId = TestEvents.uniquePartner();
    final Metrics metrics = Metrics.builder().function("alert-dispatch")
            .out(new PrintStream(output, true, StandardCharsets.UTF_8)).clock(clock).build();
    final JsonLog log = JsonLog.builder().function("alert-dispatch")
            .out(new PrintStream(output, true, StandardCharsets.UTF_8)).clock(clock).level(JsonLog.Level.DEBUG).build();
    String sku;
    private int seq;

    AlertFixture() {
        gradient.accept(PARTNER_KEY, "Contoso MSP", io.gradientconnector.port.gradient.IntegrationStatus.ACTIVE);
        sku = gradient.addSku("servers");
        gradient.addAccounts(PARTNER_KEY, "a1", "a2", "a3");
        gradient.map(PARTNER_KEY, "a1", "a2");
        stores.catalog().put(ServiceKey.of(SERVICE), sku, "servers");
        stores.partners().save(PartnerRecord.builder(partnerId, clock.instant()).status(PartnerStatus.ACTIVE)
                .keyFingerprint(Secret.of(PARTNER_KEY).fingerprint()).build());
        vault.putPartnerKey(partnerId, Secret.of(PARTNER_KEY));
    }

    AlertDispatch dispatch(AlertPolicy policy) {
        return new AlertDispatch(alerts, queue, stores.partners(), stores.catalog(), vault, gradient, policy, clock,
                log, metrics);
    }

    /** An alert.raised event as the parser would make it. */
    VendorEvent.AlertRaised event(String alertId, String account, Optional<String> dedupKey) {
        return new VendorEvent.AlertRaised(EventId.of(alertId), partnerId, clock.instant().minusSeconds(60 - seq++),
                AccountId.of(account), "Backup failed: " + alertId, "Job 42 failed\nrerun tonight", 3, 2,
                Optional.of(ServiceKey.of(SERVICE)), dedupKey);
    }

    /** Records the event as the webhook does (journal) and queues it (the delivery application's step). */
    AlertRef raise(VendorEvent.AlertRaised event) {
        stores.journal().record(event);
        queue.enqueue(List.of(event.ref()));
        return event.ref();
    }

    AlertRecord stored(AlertRef ref) {
        return alerts.get(ref).orElseThrow();
    }

    /**
     * Plays the queue until it is empty or {@code until} has passed on the clock: each message when due, the clock
     * moved to it; {@code beforeEach} runs before every look (to resolve alerts in Gradient, inject faults...).
     * Returns the steps taken.
     */
    List<AlertDispatch.Step> drive(AlertDispatch dispatch, Duration until, Runnable beforeEach) {
        Instant end = clock.instant().plus(until);
        List<AlertDispatch.Step> steps = new ArrayList<>();
        while (true) {
            Optional<Instant> next = queue.nextDue();
            if (next.isEmpty() || next.get().isAfter(end)) {
                return steps;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
            for (AlertRef ref : queue.takeDue()) {
                beforeEach.run();
                steps.add(dispatch.handle(ref, clock.instant().plusSeconds(30)));
            }
        }
    }

    String output() {
        metrics.flush();
        return output.toString(StandardCharsets.UTF_8);
    }

}
