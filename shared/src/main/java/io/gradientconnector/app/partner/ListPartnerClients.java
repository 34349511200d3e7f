package io.gradientconnector.app.partner;


import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.ClientsPage;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.KeyVault;
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
    private final KeyVault vault;
    private final Gradient gradient;
    private final Clock clock;

    ListPartnerClients(PartnerStore partners, KeyVault vault, Gradient gradient, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
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
        Secret key = vault.partnerKey(partnerId).orElseThrow(() -> new PartnerFailure.NeedsKey(partnerId));
        GradientCredentials credentials = new GradientCredentials(vault.vendorKey().reveal(), key.reveal());
        ClientsPage page;
        try {
            page = gradient.session(credentials, deadline).clients(search.orElse(null), previousId.orElse(null));
        } catch (UnauthorizedException rejected) {
            partners.markNeedsKey(partnerId, key.fingerprint(), PartnerView.KEY_REJECTED, clock.instant());
            throw new PartnerFailure.KeyRejected();
        } catch (GradientException failure) {
            throw PartnerFailure.fromGradient(failure);
        }
        List<ClientList.Client> clients = page.clients().stream()
                .map(c -> new ClientList.Client(c.id(), c.name()))
                .toList();
        return new ClientList(clients, page.lastId().orElse(null));
    }
}
