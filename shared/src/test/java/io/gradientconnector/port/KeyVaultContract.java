package io.gradientconnector.port;

import io.gradientconnector.domain.WebhookSecrets;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link KeyVault}, run against the fake and Secrets Manager. */
public abstract class KeyVaultContract {
    protected static final String VENDOR_KEY = "vendor-key-value-123";

    /**
     * A fresh vault holding {@link #VENDOR_KEY} and the webhook secret stored as {@code webhookValue}
     * (exactly as an operator would put it in the secret), with no partner keys.
     */
    protected abstract KeyVault newVault(String webhookValue);

    /** A fresh vault whose vendor key secret does not exist. */
    protected abstract KeyVault newVaultWithoutVendorKey();

    @Test
    void vendorKey_shouldReturnStoredKey() {
        assertEquals(VENDOR_KEY, newVault("whsec").vendorKey().reveal());
    }

    @Test
    void vendorKey_shouldThrowWithoutTheValue_whenSecretMissing() {
        KeyVaultException e = assertThrows(KeyVaultException.class, () -> newVaultWithoutVendorKey().vendorKey());

        assertTrue(e.getMessage().contains("vendor key"), e.getMessage());
    }

    @Test
    void partnerKey_shouldStoreReplaceAndDelete() {
        KeyVault vault = newVault("whsec");
        PartnerId partner = TestEvents.uniquePartner();

        assertEquals(Optional.empty(), vault.partnerKey(partner));
        vault.putPartnerKey(partner, Secret.of("first-key"));
        assertEquals("first-key", vault.partnerKey(partner).orElseThrow().reveal());
        vault.putPartnerKey(partner, Secret.of("regenerated-key"));
        assertEquals("regenerated-key", vault.partnerKey(partner).orElseThrow().reveal());
        vault.deletePartnerKey(partner);
        assertEquals(Optional.empty(), vault.partnerKey(partner));
        vault.deletePartnerKey(partner); // deleting twice is fine
        vault.putPartnerKey(partner, Secret.of("reconnected-key"));
        assertEquals("reconnected-key", vault.partnerKey(partner).orElseThrow().reveal());
    }

    @Test
    void partnerKeyAtFingerprint_shouldReturnTheKey_onlyWhenItIsTheNamedOne() {
        KeyVault vault = newVault("whsec");
        PartnerId partner = TestEvents.uniquePartner();
        Secret first = Secret.of("first-key");
        Secret second = Secret.of("second-key");

        assertEquals(Optional.empty(), vault.partnerKey(partner, first.fingerprint()));
        vault.putPartnerKey(partner, first);
        assertEquals(Optional.of(first), vault.partnerKey(partner, first.fingerprint()));
        vault.putPartnerKey(partner, second);
        assertEquals(Optional.empty(), vault.partnerKey(partner, first.fingerprint()), "a replaced key is never returned");
        assertEquals(Optional.of(second), vault.partnerKey(partner, second.fingerprint()));
        vault.deletePartnerKey(partner);
        assertEquals(Optional.empty(), vault.partnerKey(partner, second.fingerprint()));
    }

    @Test
    void partnerKey_shouldKeepPartnersApart() {
        KeyVault vault = newVault("whsec");
        PartnerId a = TestEvents.uniquePartner();
        PartnerId b = TestEvents.uniquePartner();

        vault.putPartnerKey(a, Secret.of("key-a"));
        vault.putPartnerKey(b, Secret.of("key-b"));
        vault.deletePartnerKey(a);

        assertFalse(vault.partnerKey(a).isPresent());
        assertEquals("key-b", vault.partnerKey(b).orElseThrow().reveal());
    }

    @Test
    void webhookSecrets_shouldReadCurrentAndPrevious_whenStoredAsJson() {
        WebhookSecrets secrets = newVault("{\"current\": \"new-secret\", \"previous\": \"old-secret\"}").webhookSecrets();

        assertEquals(List.of("new-secret", "old-secret"), secrets.candidates().stream().map(Secret::reveal).toList());
    }

    @Test
    void webhookSecrets_shouldReadCurrentOnly_whenStoredAsPlainString() {
        WebhookSecrets secrets = newVault("plain-signing-secret").webhookSecrets();

        assertEquals("plain-signing-secret", secrets.current().reveal());
        assertEquals(Optional.empty(), secrets.previous());
    }
}
