package io.gradientconnector.adapter.secretsmanager;

import io.gradientconnector.lambda.Components;

import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultContract;
import io.gradientconnector.port.KeyVaultException;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsManagerKeyVaultIT extends KeyVaultContract {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @Override
    protected KeyVault newVault(String webhookValue) {
        String base = AwsEmulator.uniqueName("gc");
        return SecretsManagerKeyVault.builder()
                .client(AWS.secretsManager())
                .vendorKeySecretId(AWS.createSecret(base + "/vendor-key", VENDOR_KEY))
                .webhookSecretId(AWS.createSecret(base + "/webhook", webhookValue))
                .partnerSecretPrefix(base + "/partners/")
                .build();
    }

    @Override
    protected KeyVault newVaultWithoutVendorKey() {
        String base = AwsEmulator.uniqueName("gc");
        return SecretsManagerKeyVault.builder()
                .client(AWS.secretsManager())
                .vendorKeySecretId(base + "/missing")
                .partnerSecretPrefix(base + "/partners/")
                .build();
    }

    @Test
    void putPartnerKey_shouldNameTheSecretPrefixPlusPartnerId() {
        String base = AwsEmulator.uniqueName("gc");
        SecretsManagerKeyVault vault = Components.secretsManagerKeyVault(AWS.secretsManager(), AWS.config(Map.of(
                "TABLE_NAME", "unused",
                "VENDOR_KEY_SECRET_ID", base + "/vendor-key",
                "PARTNER_SECRET_PREFIX", base + "/partners/")));

        vault.putPartnerKey(PartnerId.of("msp-42"), Secret.of("partner-key"));

        String stored = AWS.secretsManager().getSecretValue(GetSecretValueRequest.builder()
                .secretId(base + "/partners/msp-42").build()).secretString();
        assertEquals("partner-key", stored);
        assertEquals(base + "/partners/msp-42", vault.partnerSecretName(PartnerId.of("msp-42")));
    }

    @Test
    void webhookSecrets_shouldThrowWithoutEchoingTheValue_whenJsonIsMalformed() {
        KeyVault vault = newVault("{\"current\": \"s3cr3t-value\"");

        KeyVaultException e = assertThrows(KeyVaultException.class, vault::webhookSecrets);

        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
    }
}
