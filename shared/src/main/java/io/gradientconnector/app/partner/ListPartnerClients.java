package io.gradientconnector.app.partner;


import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.FencedSession;
import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: one page of the partner's PSA clients, straight from Gradient (keyset paging: pass
 * {@link ClientList#nextPreviousId()} back as {@code previousId}; an empty page is the end). A 401 marks the partner
 * NEEDS_KEY (if the rejected key is still current) and answers {@link PartnerFailure.KeyRejected}. Thread-safe.
 */
public final class ListPartnerClients {
    private final PartnerStore partners;
    private final FencedSessions sessions;
    private final Clock clock;

    ListPartnerClients(PartnerStore partners, FencedSessions sessions, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One page of clients; {@code nextPreviousId} is the last client's id, null on an empty page. */
    public record ClientList(List<Client> clients, String nextPreviousId) {
        public ClientList {
            clients = List.copyOf(clients);
        }

        /** A PSA client as the portal needs it. */
        public record Client(String id, String name) {
        }
    }

    /**
     * @throws PartnerFailure.NotConnected   unknown or disconnected
     * @throws PartnerFailure.NeedsKey       the stored key was rejected before (or is missing)
     * @throws PartnerFailure.KeyRejected    Gradient answered 401 just now
     * @throws PartnerFailure.GradientFailed any other Gradient failure
     */
    public ClientList list(PartnerId partnerId, Optional<String> search, Optional<String> previousId,
                           Instant deadline) {
        PartnerRecord partner = partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .filter(p -> p.status() != PartnerStatus.DISCONNECTED)
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        if (partner.status() == PartnerStatus.NEEDS_KEY) {
            throw new PartnerFailure.NeedsKey(partnerId);
        }
        FencedSession session;
        try {
            session = sessions.open(partner, deadline);
        } catch (Fenced fenced) {
            throw new PartnerFailure.NeedsKey(partnerId); // no current key, or it cannot be read
        }
        ClientsPage page;
        try {
            page = session.clients(search.orElse(null), previousId.orElse(null));
        } catch (UnauthorizedException rejected) {
            partners.markNeedsKey(partnerId, session.fingerprint(), PartnerView.KEY_REJECTED, clock.instant());
            throw new PartnerFailure.KeyRejected();
        } catch (Fenced fenced) {
            throw new PartnerFailure.NotConnected(partnerId); // disconnected meanwhile: no call was made
        } catch (GradientException failure) {
            throw PartnerFailure.fromGradient(failure);
        }
        List<ClientList.Client> clients = page.clients().stream()
                .map(c -> new ClientList.Client(c.id(), c.name()))
                .toList();
        return new ClientList(clients, page.lastId().orElse(null));
    }
}
