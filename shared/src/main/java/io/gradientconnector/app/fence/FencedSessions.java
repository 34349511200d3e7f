package io.gradientconnector.app.fence;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.PartnerStore;
import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens the {@link FencedSession} through which every use case calls Gradient for a partner (the only exceptions are
 * the portal's key submission, which calls with the key being submitted, and the one {@code inactive} call of a
 * disconnection with the key it retires; see docs/GUARANTEES.md). Thread-safe.
 */
public final class FencedSessions {
    private final PartnerStore partners;
    private final KeyVault vault;
    private final Gradient gradient;

    public FencedSessions(PartnerStore partners, KeyVault vault, Gradient gradient) {
        this.partners = Objects.requireNonNull(partners, "partners");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
    }

    /**
     * A session for the key {@code record} names (read by its fingerprint, never another key).
     *
     * @throws Fenced                 the record has no current key, or that key cannot be read
     * @throws io.gradientconnector.port.KeyVaultException the vault failed
     * @throws IllegalArgumentException a stored key is unusable (the message names which, never its value)
     */
    public FencedSession open(PartnerRecord record, Instant deadline) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(deadline, "deadline");
        return new FencedSession(this, record, deadline);
    }

    Optional<PartnerRecord> read(PartnerId partnerId) {
        return partners.get(partnerId);
    }

    /** The key at {@code record}'s fingerprint, as a Gradient session. */
    FencedSession.Keyed keyed(PartnerRecord record, Instant deadline) {
        if (!record.hasCurrentKey()) {
            throw new Fenced(record.partnerId(), Fenced.Reason.DISCONNECTED);
        }
        String fingerprint = record.keyFingerprint().orElseThrow();
        Secret key = vault.partnerKey(record.partnerId(), fingerprint)
                .orElseThrow(() -> new Fenced(record.partnerId(), Fenced.Reason.KEY_NOT_READABLE));
        GradientCredentials credentials = new GradientCredentials(vault.vendorKey().reveal(), key.reveal());
        return new FencedSession.Keyed(fingerprint, gradient.session(record.partnerId(), credentials, deadline));
    }
}
