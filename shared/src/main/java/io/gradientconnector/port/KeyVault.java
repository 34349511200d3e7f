package io.gradientconnector.port;

import io.gradientconnector.domain.WebhookSecrets;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;

import java.util.Optional;

/**
 * Where the connector's secrets live: the vendor's Gradient key (one secret), one Gradient key per
 * partner, and the webhook signing secret (current and, during a rotation, previous). Failures are
 * {@link KeyVaultException}s whose messages never contain a secret value.
 */
public interface KeyVault {

    /** The vendor's Gradient key; throws {@link KeyVaultException} when it is missing. */
    Secret vendorKey();

    /** The partner's Gradient key, or empty when none is stored. */
    Optional<Secret> partnerKey(PartnerId partnerId);

    /**
     * The partner's key if it is the key whose {@link Secret#fingerprint()} is {@code fingerprint} (the one the
     * partner record names), else empty: a key replaced or deleted meanwhile is never returned in its place. A caching
     * implementation returns a cached key only when its fingerprint matches, and otherwise reads the backend again
     * (once more if the first read still returns another key), so a key stored by another process is used as soon as
     * the record names it.
     */
    default Optional<Secret> partnerKey(PartnerId partnerId, String fingerprint) {
        return partnerKey(partnerId).filter(key -> key.fingerprint().equals(fingerprint));
    }

    /** Stores the partner's key, creating the secret or replacing its value. */
    void putPartnerKey(PartnerId partnerId, Secret key);

    /** Removes the partner's key; nothing happens when none is stored. */
    void deletePartnerKey(PartnerId partnerId);

    /** The webhook signing secrets; throws {@link KeyVaultException} when missing or malformed. */
    WebhookSecrets webhookSecrets();
}
