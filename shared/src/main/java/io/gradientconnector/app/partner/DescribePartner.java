package io.gradientconnector.app.partner;


import io.gradientconnector.app.fence.Fenced;
import io.gradientconnector.app.fence.FencedSession;
import io.gradientconnector.app.fence.FencedSessions;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.UnauthorizedException;
import io.gradientconnector.port.KeyVaultException;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.port.PartnerStore;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Use case: the portal shows a partner's integration. Gradient's side is read live; when that fails the view says
 * why ({@code gradient.reachable=false}) instead of failing. A 401 also marks the partner NEEDS_KEY, but only if the
 * rejected key is still the current one ({@link PartnerStore#markNeedsKey}); a live {@code active} while the record says
 * PENDING is stored at once ({@link PartnerStore#markActive}), so the view reports ACTIVE as soon as Gradient does.
 * The call goes through a {@link FencedSession}: the key the record names, never a stale cached one. Thread-safe.
 */
public final class DescribePartner {
    private final PartnerStore partners;
    private final FencedSessions sessions;
    private final PartnerViews views;
    private final Clock clock;

    DescribePartner(PartnerStore partners, FencedSessions sessions, PartnerViews views, Clock clock) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.views = Objects.requireNonNull(views, "views");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws PartnerFailure.NotConnected the partner is unknown or disconnected */
    public PartnerView describe(PartnerId partnerId, Instant deadline) {
        PartnerRecord partner = partners.get(Objects.requireNonNull(partnerId, "partnerId"))
                .filter(p -> p.status() != PartnerStatus.DISCONNECTED)
                .orElseThrow(() -> new PartnerFailure.NotConnected(partnerId));
        PartnerView.Gradient gradient = readLive(partner, deadline);
        boolean rejected = !gradient.reachable() && PartnerView.KEY_REJECTED.equals(gradient.error());
        boolean activated = "active".equals(gradient.status()) && partner.status() == PartnerStatus.PENDING;
        if (rejected || activated) {
            // Re-read: markNeedsKey / markActive may have changed the status (or a new key may have arrived meanwhile).
            partner = partners.get(partnerId).orElse(partner);
        }
        return views.view(partner, gradient);
    }

    private PartnerView.Gradient readLive(PartnerRecord partner, Instant deadline) {
        PartnerId partnerId = partner.partnerId();
        FencedSession session;
        try {
            session = sessions.open(partner, deadline);
        } catch (Fenced fenced) {
            return PartnerView.Gradient.unreachable(fenced.reason() == Fenced.Reason.DISCONNECTED
                    ? "no partner key is stored" : "the partner key could not be read from the secret store");
        } catch (KeyVaultException unreadable) {
            return PartnerView.Gradient.unreachable("the keys could not be read from the secret store");
        }
        try {
            Integration integration = session.getIntegration();
            if (integration.status() == IntegrationStatus.ACTIVE && session.record().status() == PartnerStatus.PENDING) {
                // Gradient made the integration active (first accepted count): the view says so from now on.
                partners.markActive(partnerId, session.fingerprint(), clock.instant());
            }
            return PartnerView.Gradient.reached(
                    integration.status() == null ? null : integration.status().wireValue(), integration.name());
        } catch (UnauthorizedException rejected) {
            partners.markNeedsKey(partnerId, session.fingerprint(), PartnerView.KEY_REJECTED, clock.instant());
            return PartnerView.Gradient.unreachable(PartnerView.KEY_REJECTED);
        } catch (Fenced fenced) {
            return PartnerView.Gradient.unreachable("the partner disconnected meanwhile");
        } catch (GradientException failure) {
            return PartnerView.Gradient.unreachable(PartnerFailure.shortReason(failure));
        }
    }
}
