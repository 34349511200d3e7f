package io.gradientconnector.adapter.secretsmanager;

import io.gradientconnector.adapter.aws.ThrowingClient;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SDK failures the emulator will not produce on demand become {@link KeyVaultException}, never echoing a key. */
class SecretsManagerFailuresTest {

    private static final PartnerId PARTNER = PartnerId.of("msp-1");

    private static Map<String, Executable> everyVaultCall(SdkException failure) {
        KeyVault vault = SecretsManagerKeyVault.builder()
                .client(ThrowingClient.of(SecretsManagerClient.class, failure))
                .vendorKeySecretId("vendor-key")
                .webhookSecretId("webhook")
                .partnerSecretPrefix("partners/")
                .build();
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("vendorKey", vault::vendorKey);
        calls.put("partnerKey", () -> vault.partnerKey(PARTNER));
        calls.put("putPartnerKey", () -> vault.putPartnerKey(PARTNER, Secret.of("sk-very-secret")));
        calls.put("deletePartnerKey", () -> vault.deletePartnerKey(PARTNER));
        calls.put("webhookSecrets", vault::webhookSecrets);
        return calls;
    }

    @Test
    void vaultMethods_shouldThrowKeyVaultException_whenTheServiceFails() {
        SdkException denied = DecryptionFailureException.builder().message("kms said no").build();
        everyVaultCall(denied).forEach((operation, call) -> {
            KeyVaultException e = assertThrows(KeyVaultException.class, call, operation);
            assertSame(denied, e.getCause(), operation);
            assertFalse(e.getMessage().contains("sk-very-secret"), operation);
        });
    }

    @Test
    void vaultMethods_shouldThrowKeyVaultException_whenTheClientCannotConnect() {
        SdkException unreachable = SdkClientException.create("Unable to execute HTTP request");
        everyVaultCall(unreachable).forEach((operation, call) ->
                assertSame(unreachable, assertThrows(KeyVaultException.class, call, operation).getCause()));
    }
}
