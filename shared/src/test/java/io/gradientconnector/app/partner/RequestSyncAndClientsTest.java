package io.gradientconnector.app.partner;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.PsaClient;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.domain.SyncReason;
import io.gradientconnector.domain.SyncRequest;
import io.gradientconnector.domain.PartnerStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestSyncAndClientsTest {
    private final PartnerFixture f = new PartnerFixture();
    private final PartnerId partner = PartnerId.of("partner-1");

    private void connect() {
        f.useCases.connect().connect(partner, Secret.of(f.partnerKey), f.deadline());
        f.syncQueue.drain();
    }

    private ListPartnerClients.ClientList list(String search, String previousId) {
        return f.useCases.listClients().list(partner, Optional.ofNullable(search), Optional.ofNullable(previousId),
                f.deadline());
    }

    @Test
    void request_shouldQueueAManualSync_whenConnected() {
        connect();

        f.useCases.requestSync().request(partner);

        assertEquals(List.of(new SyncRequest(partner, SyncReason.MANUAL)), f.syncQueue.requests());
    }

    @Test
    void request_shouldRefuse_whenUnknownDisconnectedOrNeedingAKey() {
        assertThrows(PartnerFailure.NotConnected.class, () -> f.useCases.requestSync().request(partner));
        connect();
        f.stores.partners().markNeedsKey(partner, Secret.of(f.partnerKey).fingerprint(), "rejected", f.clock.instant());
        assertThrows(PartnerFailure.NeedsKey.class, () -> f.useCases.requestSync().request(partner));
        f.useCases.disconnect().disconnect(partner, f.deadline());
        assertThrows(PartnerFailure.NotConnected.class, () -> f.useCases.requestSync().request(partner));

        assertEquals(List.of(), f.syncQueue.requests());
    }

    @Test
    void list_shouldPageThroughClients_whenConnected() {
        connect();
        f.gradient.clients(f.partnerKey, List.of(
                new PsaClient("00000000-0000-4000-8000-000000000001", "Alpha", Map.of()),
                new PsaClient("00000000-0000-4000-8000-000000000002", "Beta", Map.of()),
                new PsaClient("00000000-0000-4000-8000-000000000003", "Gamma", Map.of())));

        ListPartnerClients.ClientList first = list(null, null);
        ListPartnerClients.ClientList second = list(null, first.nextPreviousId());
        ListPartnerClients.ClientList end = list(null, second.nextPreviousId());

        assertEquals(List.of("Alpha", "Beta"), first.clients().stream().map(ListPartnerClients.ClientList.Client::name).toList());
        assertEquals("00000000-0000-4000-8000-000000000002", first.nextPreviousId());
        assertEquals(List.of("Gamma"), second.clients().stream().map(ListPartnerClients.ClientList.Client::name).toList());
        assertEquals(List.of(), end.clients());
        assertNull(end.nextPreviousId());
        assertEquals(List.of("Beta"), list("bE", null).clients().stream().map(ListPartnerClients.ClientList.Client::name).toList());
    }

    @Test
    void list_shouldMarkNeedsKeyAndThrowKeyRejected_whenGradientAnswers401() {
        connect();
        f.gradient.regenerate(f.partnerKey, "ANOTHERKEY-00001");

        assertThrows(PartnerFailure.KeyRejected.class, () -> list(null, null));

        assertEquals(PartnerStatus.NEEDS_KEY, f.stores.partners().get(partner).orElseThrow().status());
        assertThrows(PartnerFailure.NeedsKey.class, () -> list(null, null));
    }

    @Test
    void list_shouldThrowGradientFailed_whenGradientThrottles() {
        connect();
        f.gradient.failNext(new RateLimitedException("GET /api/vendor-api/organization/clients", "", Optional.empty()));

        PartnerFailure.GradientFailed failure = assertThrows(PartnerFailure.GradientFailed.class, () -> list(null, null));

        assertEquals(PartnerFailure.GradientFailed.Kind.THROTTLED, failure.kind());
    }

    @Test
    void list_shouldThrowNotConnected_whenUnknown() {
        assertThrows(PartnerFailure.NotConnected.class, () -> list(null, null));
    }
}
