package io.gradientconnector.testing;

import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link KeyVault} in memory, for tests and the local runner. It counts reads so that cache
 * tests can see what reached the backend. Thread-safe.
 */
public final class InMemoryKeyVault implements KeyVault {
    private final AtomicReference<Secret> vendorKey = new AtomicReference<>();
    private final AtomicReference<WebhookSecrets> webhookSecrets = new AtomicReference<>();
    private final Map<PartnerId, Secret> partnerKeys = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    public static InMemoryKeyVault create() {
        return new InMemoryKeyVault();
    }

    public static InMemoryKeyVault create(Secret vendorKey, WebhookSecrets webhookSecrets) {
        InMemoryKeyVault vault = new InMemoryKeyVault();
        vault.setVendorKey(vendorKey);
        vault.setWebhookSecrets(webhookSecrets);
        return vault;
    }

    public void setVendorKey(Secret key) {
        vendorKey.set(key);
    }

    public void setWebhookSecrets(WebhookSecrets secrets) {
        webhookSecrets.set(secrets);
    }

    /** How many reads reached this vault. */
    public int reads() {
        return reads.get();
    }

    @Override
    public Secret vendorKey() {
        reads.incrementAndGet();
        Secret key = vendorKey.get();
        if (key == null) {
            throw new KeyVaultException("the vendor key secret is not set");
        }
        return key;
    }

    @Override
    public Optional<Secret> partnerKey(PartnerId partnerId) {
        reads.incrementAndGet();
        return Optional.ofNullable(partnerKeys.get(partnerId));
    }

    @Override
    public void putPartnerKey(PartnerId partnerId, Secret key) {
        partnerKeys.put(partnerId, key);
    }

    @Override
    public void deletePartnerKey(PartnerId partnerId) {
        partnerKeys.remove(partnerId);
    }

    @Override
    public WebhookSecrets webhookSecrets() {
        reads.incrementAndGet();
        WebhookSecrets secrets = webhookSecrets.get();
        if (secrets == null) {
            throw new KeyVaultException("the webhook signing secret is not set");
        }
        return secrets;
    }
}
