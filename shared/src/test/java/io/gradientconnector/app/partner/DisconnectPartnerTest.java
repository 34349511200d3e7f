package io.gradientconnector.app.partner;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.AccountStore;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisconnectPartnerTest {
    private final PartnerFixture f = new PartnerFixture();
    private final PartnerId partner = PartnerId.of("partner-1");
    private final UsageRowKey row = UsageRowKey.of("partner-1", "acct-1", "backup-server");

    private void connectWithOneMappedAccountAndAPushedCount() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.stores.journal().record(TestEvents.upsert("a1", partner, "acct-1", "Fabrikam", 1));
        f.stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "Fabrikam", Optional.empty());
        f.stores.accounts().recordMapped(partner, AccountId.of("acct-1"), true);
        f.stores.journal().record(TestEvents.set("u1", partner, "acct-1", "backup-server", "3", 2));
        f.stores.ledger().recordPushResult(row, 1, Quantity.of("3"), PushState.PUSHED, Optional.empty(),
                f.clock.instant());
    }

    @Test
    void disconnect_shouldSetInactiveDeleteKeyAndForgetGradientState_whenConnected() {
        connectWithOneMappedAccountAndAPushedCount();
        f.clock.advance(Duration.ofMinutes(5));

        DisconnectPartner.Disconnected done = f.useCases.disconnect().disconnect(partner, f.deadline());

        assertEquals(new DisconnectPartner.Disconnected(false, Optional.empty(), 1, 1), done);
        assertEquals(IntegrationStatus.INACTIVE, f.gradient.status(f.partnerKey));
        assertTrue(f.vault.partnerKey(partner).isEmpty());
        AccountRecord account = f.stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow();
        assertEquals(GradientAccountState.NONE, account.gradientState());
        assertFalse(account.mapped());
        assertEquals("Fabrikam", account.name().orElseThrow(), "the vendor's side stays");
        LedgerRow ledgerRow = f.stores.ledger().get(row).orElseThrow();
        assertTrue(ledgerRow.needsPush());
        assertEquals(Quantity.of("3"), ledgerRow.count(), "the count stays");
        PartnerRecord record = f.stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.DISCONNECTED, record.status());
        assertTrue(record.keyFingerprint().isEmpty());
        assertFalse(f.locks.isHeld(partner, f.clock.instant()));
    }

    @Test
    void disconnect_shouldStillDisconnect_whenGradientCannotBeSetInactive() {
        connectWithOneMappedAccountAndAPushedCount();
        f.gradient.failNext(new ServerErrorException(503, "PATCH /api/vendor-api/organization/status/{status}", ""));

        DisconnectPartner.Disconnected done = f.useCases.disconnect().disconnect(partner, f.deadline());

        assertEquals(Optional.of("Gradient could not be set inactive: HTTP 503"), done.inactiveFailure());
        assertTrue(f.vault.partnerKey(partner).isPresent(), "the retired key is kept until inactive succeeds");
        PartnerRecord record = f.stores.partners().get(partner).orElseThrow();
        assertEquals(PartnerStatus.DISCONNECTED, record.status());
        assertEquals(Optional.of(Secret.of(f.partnerKey).fingerprint()), record.retiredKeyFingerprint());
        assertTrue(record.keyFingerprint().isEmpty());
    }

    @Test
    void disconnect_shouldStillForgetGradientState_whenARetryFindsTheFenceStoredByAFailedAttempt() {
        connectWithOneMappedAccountAndAPushedCount();
        AccountStore accounts = f.stores.accounts();
        AccountStore failingToClear = (AccountStore) java.lang.reflect.Proxy.newProxyInstance(
                AccountStore.class.getClassLoader(), new Class<?>[] {AccountStore.class}, (self, method, args) -> {
                    if (method.getName().equals("clearGradientState")) {
                        throw new StoreUnavailableException("DynamoDB failed accounts.clearGradientState",
                                new RuntimeException("throttled"));
                    }
                    try {
                        return method.invoke(accounts, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        PartnerUseCases failing = f.builder().stores(new ConnectorStores(f.stores.partners(), failingToClear,
                f.stores.catalog(), f.stores.ledger(), f.stores.journal())).build();
        assertThrows(StoreUnavailableException.class, () -> failing.disconnect().disconnect(partner, f.deadline()));
        assertEquals(PartnerStatus.DISCONNECTED, f.stores.partners().get(partner).orElseThrow().status(),
                "the fence was stored before the failure");

        DisconnectPartner.Disconnected retried = f.useCases.disconnect().disconnect(partner, f.deadline());

        assertEquals(1, retried.accountsCleared());
        assertEquals(GradientAccountState.NONE,
                f.stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow().gradientState());
        assertTrue(f.stores.ledger().get(row).orElseThrow().needsPush());
        assertEquals(IntegrationStatus.INACTIVE, f.gradient.status(f.partnerKey));
    }

    @Test
    void disconnect_shouldChangeNothing_whenAlreadyDisconnected() {
        connectWithOneMappedAccountAndAPushedCount();
        f.useCases.disconnect().disconnect(partner, f.deadline());
        List<String> callsBefore = f.gradient.calls();

        DisconnectPartner.Disconnected again = f.useCases.disconnect().disconnect(partner, f.deadline());

        assertTrue(again.alreadyDisconnected());
        assertEquals(callsBefore, f.gradient.calls());
    }

    @Test
    void disconnect_shouldThrowNotConnected_whenThePartnerIsUnknown() {
        assertThrows(PartnerFailure.NotConnected.class,
                () -> f.useCases.disconnect().disconnect(partner, f.deadline()));
    }

    @Test
    void disconnect_shouldAnswerChangeInProgressAndKeepEverything_whenASubmissionHoldsTheLock() {
        connectWithOneMappedAccountAndAPushedCount();
        f.locks.tryAcquire(partner, "a-submission", f.clock.instant(), Duration.ofSeconds(60));

        assertThrows(PartnerFailure.ChangeInProgress.class,
                () -> f.useCases.disconnect().disconnect(partner, f.deadline()));

        assertTrue(f.vault.partnerKey(partner).isPresent());
        assertEquals(PartnerStatus.PENDING, f.stores.partners().get(partner).orElseThrow().status());
    }

    @Test
    void disconnect_shouldGoAhead_whenAnAbandonedLockHasExpired() {
        connectWithOneMappedAccountAndAPushedCount();
        f.locks.tryAcquire(partner, "crashed", f.clock.instant(), Duration.ofSeconds(60));
        f.clock.advance(Duration.ofSeconds(61));

        f.useCases.disconnect().disconnect(partner, f.deadline());

        assertEquals(PartnerStatus.DISCONNECTED, f.stores.partners().get(partner).orElseThrow().status());
    }

}
