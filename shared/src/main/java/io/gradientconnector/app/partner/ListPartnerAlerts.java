package io.gradientconnector.app.partner;

import io.gradientconnector.app.alerts.AlertListing;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.AlertStore;
import io.gradientconnector.port.PartnerStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the portal lists a known partner's recent alerts ({@link AlertListing}); an unknown partner is
 * {@link PartnerFailure.NotConnected}. A disconnected partner's alerts are still listed (they wait for a new key).
 * Thread-safe.
 */
public final class ListPartnerAlerts {
    private final PartnerStore partners;
    private final Optional<AlertListing> listing;

    ListPartnerAlerts(PartnerStore partners, Optional<AlertStore> alerts) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.listing = alerts.map(AlertListing::new);
    }

    /**
     * @param status one of {@link AlertListing#STATUSES}, or empty for all
     * @throws PartnerFailure.NotConnected the partner is unknown
     * @throws IllegalArgumentException    a cursor this listing did not make
     */
    public AlertListing.Listing list(PartnerId partnerId, Optional<String> status, Optional<String> cursor, int limit) {
        partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        return listing.map(l -> l.list(partnerId, status, cursor, limit))
                .orElseGet(() -> new AlertListing.Listing(List.of(), null));
    }
}
