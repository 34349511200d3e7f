package io.gradientconnector.app.partner;

import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DescribePartnerTest {
    private final PartnerFixture f = new PartnerFixture();
    private final PartnerId partner = PartnerId.of("partner-1");

    private PartnerView describe() {
        return f.useCases.describe().describe(partner, f.deadline());
    }

    @Test
    void describe_shouldShowLocalAndLiveStatusAndTotals_whenGradientAnswers() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.stores.journal().record(TestEvents.upsert("a1", partner, "acct-1", "Fabrikam", 1));
        f.stores.journal().record(TestEvents.upsert("a2", partner, "acct-2", "Northwind", 2));
        f.stores.journal().record(TestEvents.upsert("a3", partner, "acct-3", "Gone", 3));
        f.stores.journal().record(TestEvents.delete("a4", partner, "acct-3", 4));
        f.stores.accounts().recordCreatedInGradient(partner, AccountId.of("acct-1"), "Fabrikam", Optional.empty());
        f.stores.accounts().recordMapped(partner, AccountId.of("acct-1"), true);
        f.stores.journal().record(TestEvents.set("u1", partner, "acct-1", "backup-server", "3", 5));
        f.stores.journal().record(TestEvents.set("u2", partner, "acct-2", "backup-server", "1", 6));
        f.stores.journal().record(TestEvents.set("u3", partner, "acct-1", "backup-workstation", "2", 7));
        f.stores.ledger().recordPushResult(UsageRowKey.of("partner-1", "acct-1", "backup-server"), 1,
                Quantity.of("3"), PushState.PUSHED, Optional.empty(), f.clock.instant());
        f.stores.ledger().recordPushResult(UsageRowKey.of("partner-1", "acct-2", "backup-server"), 1,
                Quantity.of("1"), PushState.UNMAPPED, Optional.of("not mapped"), f.clock.instant());
        f.stores.partners().recordPush(partner, f.clock.instant(), Optional.empty());

        PartnerView view = describe();

        assertEquals("partner-1", view.partnerId());
        assertEquals("PENDING", view.status());
        assertEquals(PartnerView.Gradient.reached("pending", "Contoso MSP"), view.gradient());
        assertEquals("Contoso MSP", view.organizationName());
        assertEquals(Secret.of(f.partnerKey).fingerprint(), view.keyFingerprint());
        assertEquals(new PartnerView.Accounts(2, 1, 1), view.accounts());
        assertEquals(new PartnerView.Usage(1, 1, 0, 1), view.usage());
        assertEquals(f.clock.instant().toString(), view.lastPushAt());
        assertNull(view.lastSyncAt());
        assertNull(view.lastError());
    }

    @Test
    void describe_shouldSayGradientIsUnreachable_whenTheCallFails() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.gradient.failNext(new GradientConnectionException(InMemoryGradient.ORGANIZATION, "timeout", true, null));

        PartnerView view = describe();

        assertEquals(PartnerView.Gradient.unreachable("Gradient could not be reached"), view.gradient());
        assertEquals("PENDING", view.status());
    }

    @Test
    void describe_shouldMarkNeedsKey_whenGradientRejectsTheStoredKey() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.gradient.regenerate(f.partnerKey, "SOMEOTHERKEY-123");

        PartnerView view = describe();

        assertEquals(PartnerView.Gradient.unreachable("partner key rejected"), view.gradient());
        assertEquals("NEEDS_KEY", view.status());
        assertEquals(PartnerStatus.NEEDS_KEY, f.stores.partners().get(partner).orElseThrow().status());
    }

    @Test
    void describe_shouldNeitherUseNorMarkAKey_thatTheRecordDoesNotName() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        // The vault holds a key the record does not know (a submission in flight elsewhere).
        f.vault.putPartnerKey(partner, Secret.of("INFLIGHTKEY-0001"));
        f.gradient.clearCalls();

        PartnerView view = describe();

        assertEquals("the partner key could not be read from the secret store", view.gradient().error());
        assertEquals("PENDING", view.status());
        assertEquals(java.util.List.of(), f.gradient.calls(), "no call with a key the record does not name");
    }

    @Test
    void describe_shouldSayTheKeyIsUnreadable_whenTheVaultHoldsNone() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.vault.deletePartnerKey(partner);

        assertEquals(PartnerView.Gradient.unreachable("the partner key could not be read from the secret store"),
                describe().gradient());
    }

    @Test
    void describe_shouldThrowNotConnected_whenThePartnerIsUnknownOrDisconnected() {
        assertThrows(PartnerFailure.NotConnected.class, this::describe);

        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.clock.advance(Duration.ofMinutes(1));
        f.useCases.disconnect().disconnect(partner, f.deadline());

        assertThrows(PartnerFailure.NotConnected.class, this::describe);
    }
}
