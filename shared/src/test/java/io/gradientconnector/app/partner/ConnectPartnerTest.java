package io.gradientconnector.app.partner;

import io.gradientconnector.testing.InMemoryGradient;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.QueueException;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.domain.SaveResult;
import io.gradientconnector.port.StoreConflictException;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectPartnerTest {
    private final PartnerFixture f = new PartnerFixture();
    private final PartnerId partner = PartnerId.of("partner-1");

    private ConnectPartner.Connected connect(String key) {
        return f.useCases.connect().connect(partner, Secret.of(key), f.deadline());
    }

    @Test
    void connect_shouldStoreKeyRecordAndQueueSync_whenGradientAcceptsTheKey() {
        ConnectPartner.Connected connected = connect(f.partnerKey);

        Secret key = Secret.of(f.partnerKey);
        assertEquals(Optional.of(key), f.vault.partnerKey(partner));
        PartnerRecord record = f.stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.PENDING, record.status());
        assertEquals(Optional.of("pending"), record.gradientStatus());
        assertEquals(Optional.of("Contoso MSP"), record.organizationName());
        assertEquals(Optional.of(key.fingerprint()), record.keyFingerprint());
        assertTrue(record.integrationId().isPresent());
        assertEquals(Optional.of(f.clock.instant()), record.connectedAt());
        assertEquals(List.of(new SyncRequest(partner, SyncReason.KEY_SUBMITTED)), f.syncQueue.requests());
        assertEquals(List.of("GET organization", "PATCH status pending"), f.gradient.calls());
        assertTrue(connected.reconnected());
        assertTrue(connected.syncQueued());
        PartnerView view = connected.view();
        assertEquals("PENDING", view.status());
        assertEquals(PartnerView.Gradient.reached("pending", "Contoso MSP"), view.gradient());
        assertEquals(key.fingerprint(), view.keyFingerprint());
        assertFalse(f.locks.isHeld(partner, f.clock.instant()), "the lock is released");
    }

    @Test
    void connect_shouldNotDowngradeStatus_whenIntegrationIsActive() {
        String activeKey = "ACTIVEKEY-12345678";
        f.gradient.accept(activeKey, "Active MSP", IntegrationStatus.ACTIVE);

        ConnectPartner.Connected connected = connect(activeKey);

        assertEquals(List.of("GET organization"), f.gradient.calls());
        assertEquals(PartnerStatus.ACTIVE, f.stores.partners().get(partner).orElseThrow().status());
        assertEquals("active", connected.view().gradient().status());
    }

    @Test
    void connect_shouldStoreNothing_whenGradientRejectsTheKey() {
        assertThrows(PartnerFailure.KeyRejected.class, () -> connect("WRONGKEY-0000000"));

        assertNothingStored();
    }

    @Test
    void connect_shouldStoreNothing_whenGradientIsDownPastTheRetries() {
        f.gradient.failNext(new ServerErrorException(503, InMemoryGradient.ORGANIZATION, "down"));

        PartnerFailure.GradientFailed failure =
                assertThrows(PartnerFailure.GradientFailed.class, () -> connect(f.partnerKey));

        assertEquals(PartnerFailure.GradientFailed.Kind.UNAVAILABLE, failure.kind());
        assertEquals(503, failure.gradientStatus());
        assertNothingStored();
    }

    @Test
    void connect_shouldStoreNothing_whenGradientCannotBeReached() {
        f.gradient.failNext(new GradientConnectionException(InMemoryGradient.ORGANIZATION, "refused", true, null));

        PartnerFailure.GradientFailed failure =
                assertThrows(PartnerFailure.GradientFailed.class, () -> connect(f.partnerKey));

        assertEquals(PartnerFailure.GradientFailed.Kind.UNAVAILABLE, failure.kind());
        assertEquals(0, failure.gradientStatus());
        assertNothingStored();
    }

    @Test
    void connect_shouldReportThrottlingWithRetryAfter_whenGradientKeepsAnswering429() {
        f.gradient.failNext(new RateLimitedException(InMemoryGradient.ORGANIZATION, "slow down",
                Optional.of(Duration.ofSeconds(7))));

        PartnerFailure.GradientFailed failure =
                assertThrows(PartnerFailure.GradientFailed.class, () -> connect(f.partnerKey));

        assertEquals(PartnerFailure.GradientFailed.Kind.THROTTLED, failure.kind());
        assertEquals(Optional.of(Duration.ofSeconds(7)), failure.retryAfter());
        assertNothingStored();
    }

    @Test
    void connect_shouldReportForbidden_whenGradientAnswers403() {
        f.gradient.failNext(new ForbiddenException(InMemoryGradient.ORGANIZATION, "anomaly"));

        PartnerFailure.GradientFailed failure =
                assertThrows(PartnerFailure.GradientFailed.class, () -> connect(f.partnerKey));

        assertEquals(PartnerFailure.GradientFailed.Kind.FORBIDDEN, failure.kind());
        assertTrue(failure.getMessage().contains("Contact Gradient support"));
        assertNothingStored();
    }

    @Test
    void connect_shouldStoreNothing_whenSettingPendingFails() {
        // GET /organization succeeds; the PATCH fails.
        f.gradient.failOn(InMemoryGradient.STATUS,
                new ServerErrorException(500, "PATCH /api/vendor-api/organization/status/{status}", ""));
        PartnerUseCases useCases = f.useCases;

        assertThrows(PartnerFailure.GradientFailed.class,
                () -> useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline()));

        assertNothingStored();
    }

    @Test
    void connect_shouldReplaceKeyAndKeepAccounts_whenTheKeyWasRegenerated() {
        connect(f.partnerKey);
        f.stores.journal().record(TestEvents.upsert("e1", partner, "acct-1", "Fabrikam", 1));
        f.stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "Fabrikam", Optional.empty());
        Instant firstConnected = f.clock.instant();
        String newKey = "REGENERATED" + f.partnerKey;
        f.gradient.regenerate(f.partnerKey, newKey);
        f.clock.advance(Duration.ofHours(1));

        ConnectPartner.Connected connected = connect(newKey);

        assertEquals(Optional.of(Secret.of(newKey)), f.vault.partnerKey(partner));
        PartnerRecord record = f.stores.partners().get(partner).orElseThrow();
        assertEquals(Optional.of(Secret.of(newKey).fingerprint()), record.keyFingerprint());
        assertEquals(Optional.of(firstConnected), record.connectedAt(), "a regenerated key keeps the connection");
        assertFalse(connected.reconnected());
        assertEquals(new PartnerView.Accounts(1, 1, 0), connected.view().accounts());
        assertEquals(2, f.syncQueue.requests().size());
    }

    @Test
    void connect_shouldReconnect_whenThePartnerNeedsAKey() {
        connect(f.partnerKey);
        f.stores.partners().markNeedsKey(partner, Secret.of(f.partnerKey).fingerprint(), "rejected", f.clock.instant());

        ConnectPartner.Connected connected = connect(f.partnerKey);

        assertTrue(connected.reconnected());
        assertEquals(PartnerStatus.PENDING, f.stores.partners().get(partner).orElseThrow().status());
    }

    @Test
    void connect_shouldReconnectWithANewConnectionTime_whenThePartnerWasDisconnected() {
        connect(f.partnerKey);
        f.useCases.disconnect().disconnect(partner, f.deadline());
        f.clock.advance(Duration.ofDays(1));

        ConnectPartner.Connected connected = connect(f.partnerKey);

        assertTrue(connected.reconnected());
        PartnerRecord record = f.stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.PENDING, record.status());
        assertEquals(Optional.of(f.clock.instant()), record.connectedAt());
        assertEquals(Optional.of(Secret.of(f.partnerKey)), f.vault.partnerKey(partner));
    }

    @Test
    void connect_shouldStillSucceed_whenTheSyncQueueRefuses() {
        PartnerUseCases useCases = f.builder().syncQueue(request -> {
            throw new QueueException("the sync queue did not accept the message");
        }).build();

        ConnectPartner.Connected connected =
                useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());

        assertFalse(connected.syncQueued());
        assertTrue(f.vault.partnerKey(partner).isPresent());
        assertTrue(f.stores.partners().get(partner).isPresent());
    }

    @Test
    void connect_shouldAnswerChangeInProgressAndStoreNothing_whenAnotherChangeHoldsTheLock() {
        assertTrue(f.locks.tryAcquire(partner, "someone-else", f.clock.instant(), Duration.ofSeconds(60)));

        assertThrows(PartnerFailure.ChangeInProgress.class, () -> connect(f.partnerKey));

        assertTrue(f.vault.partnerKey(partner).isEmpty());
        assertTrue(f.stores.partners().get(partner).isEmpty());
    }

    @Test
    void connect_shouldLeaveOneConsistentRecord_whenASecondSubmissionRacesTheFirst() {
        String secondKey = "SECONDKEY" + f.partnerKey;
        f.gradient.accept(secondKey, "Contoso MSP", IntegrationStatus.PENDING);
        AtomicReference<RuntimeException> racer = new AtomicReference<>();
        // The racing submission runs while the first one is inside its critical section (reading the record).
        PartnerStore racingStore = new DelegatingPartnerStore(f.stores.partners()) {
            private boolean raced;

            @Override
            public Optional<PartnerRecord> get(PartnerId id) {
                if (!raced) {
                    raced = true;
                    try {
                        f.useCases.connect().connect(partner, Secret.of(secondKey), f.deadline());
                    } catch (RuntimeException e) {
                        racer.set(e);
                    }
                }
                return super.get(id);
            }
        };
        PartnerUseCases first = f.builder().partners(racingStore).build();

        first.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());

        assertInstanceOf(PartnerFailure.ChangeInProgress.class, racer.get());
        Secret stored = f.vault.partnerKey(partner).orElseThrow();
        assertEquals(Secret.of(f.partnerKey), stored);
        assertEquals(Optional.of(stored.fingerprint()),
                f.stores.partners().get(partner).orElseThrow().keyFingerprint());
    }

    @Test
    void connect_shouldPutThePreviousKeyBack_whenTheRecordCannotBeSaved() {
        connect(f.partnerKey);
        String newKey = "NEWKEY" + f.partnerKey;
        f.gradient.regenerate(f.partnerKey, newKey); // the same organization
        PartnerStore alwaysConflicting = new DelegatingPartnerStore(f.stores.partners()) {
            @Override
            public SaveResult save(PartnerRecord partner) {
                return new SaveResult.Conflict();
            }
        };
        PartnerUseCases useCases = f.builder().partners(alwaysConflicting).build();

        assertThrows(StoreConflictException.class,
                () -> useCases.connect().connect(partner, Secret.of(newKey), f.deadline()));

        assertEquals(Optional.of(Secret.of(f.partnerKey)), f.vault.partnerKey(partner));
        assertEquals(Optional.of(Secret.of(f.partnerKey).fingerprint()),
                f.stores.partners().get(partner).orElseThrow().keyFingerprint());
        assertFalse(f.locks.isHeld(partner, f.clock.instant()));
    }

    @Test
    void connect_shouldDeleteTheNewKey_whenTheFirstRecordCannotBeSaved() {
        PartnerStore alwaysConflicting = new DelegatingPartnerStore(f.stores.partners()) {
            @Override
            public SaveResult save(PartnerRecord partner) {
                return new SaveResult.Conflict();
            }
        };
        PartnerUseCases useCases = f.builder().partners(alwaysConflicting).build();

        assertThrows(StoreConflictException.class,
                () -> useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline()));

        assertNothingStored();
    }

    private void assertNothingStored() {
        assertTrue(f.vault.partnerKey(partner).isEmpty(), "no key stored");
        assertTrue(f.stores.partners().get(partner).isEmpty(), "no partner record");
        assertTrue(f.syncQueue.requests().isEmpty(), "no sync queued");
        assertFalse(f.locks.isHeld(partner, f.clock.instant()), "no lock left behind");
    }
}
