package io.gradientconnector.app.partner;


import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: the portal shows a partner's integration. Gradient's side is read live; when that fails the view says
 * why ({@code gradient.reachable=false}) instead of failing. A 401 also marks the partner NEEDS_KEY, but only if the
 * rejected key is still the current one ({@link PartnerStore#markNeedsKey}). Thread-safe.
 */
public final class DescribePartner {
    private final PartnerStore partners;
    private final KeyVault vault;
    private final Gradient gradient;
    private final PartnerViews views;
    private final Clock clock;

    DescribePartner(PartnerStore partners, KeyVault vault, Gradient gradient, PartnerViews views, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        this.views = Objects.requireNonNull(views, "views");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws PartnerFailure.NotConnected the partner is unknown or disconnected */
    public PartnerView describe(PartnerId partnerId, Instant deadline) {
        PartnerRecord partner = partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .filter(p -> p.status() != PartnerStatus.DISCONNECTED)
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        PartnerView.Gradient gradient = readLive(partnerId, deadline);
        if (!gradient.reachable() && PartnerView.KEY_REJECTED.equals(gradient.error())) {
            // Re-read: markNeedsKey may have changed the status (or a new key may have arrived meanwhile).
            partner = partners.get(partnerId).orElse(partner);
        }
        return views.view(partner, gradient);
    }

    private PartnerView.Gradient readLive(PartnerId partnerId, Instant deadline) {
        Secret key;
        GradientCredentials credentials;
        try {
            Optional<Secret> stored = vault.partnerKey(partnerId);
            if (stored.isEmpty()) {
                return PartnerView.Gradient.unreachable("no partner key is stored");
            }
            key = stored.get();
            credentials = new GradientCredentials(vault.vendorKey().reveal(), key.reveal());
        } catch (KeyVaultException unreadable) {
            return PartnerView.Gradient.unreachable("the keys could not be read from the secret store");
        }
        try {
            Integration integration = gradient.session(credentials, deadline).getIntegration();
            return PartnerView.Gradient.reached(
                    integration.status() == null ? null : integration.status().wireValue(), integration.name());
        } catch (UnauthorizedException rejected) {
            partners.markNeedsKey(partnerId, key.fingerprint(), PartnerView.KEY_REJECTED, clock.instant());
            return PartnerView.Gradient.unreachable(PartnerView.KEY_REJECTED);
        } catch (GradientException failure) {
            return PartnerView.Gradient.unreachable(PartnerFailure.shortReason(failure));
        }
    }
}
