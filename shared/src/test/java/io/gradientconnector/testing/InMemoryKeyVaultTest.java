package io.gradientconnector.testing;

import io.gradientconnector.adapter.secretsmanager.WebhookSecretsJson;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultContract;

import io.gradientconnector.domain.Secret;

class InMemoryKeyVaultTest extends KeyVaultContract {
    @Override
    protected KeyVault newVault(String webhookValue) {
        return InMemoryKeyVault.create(Secret.of(VENDOR_KEY), WebhookSecretsJson.parse(webhookValue));
    }

    @Override
    protected KeyVault newVaultWithoutVendorKey() {
        return InMemoryKeyVault.create();
    }
}
