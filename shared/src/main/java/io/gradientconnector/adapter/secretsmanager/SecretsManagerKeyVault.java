package io.gradientconnector.adapter.secretsmanager;

import io.gradientconnector.domain.WebhookSecrets;
import io.gradientconnector.port.KeyVault;
import io.gradientconnector.port.KeyVaultException;

import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.Secret;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretRequest;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link KeyVault} on AWS Secrets Manager. Partner keys are secrets named
 * {@code <partnerSecretPrefix><partnerId>}; {@link PartnerId}'s pattern keeps that name inside the
 * prefix, which is what the IAM policy grants. Secret values never reach an exception message (the
 * SDK's messages name secrets, not values). Thread-safe (the SDK client is).
 */
public final class SecretsManagerKeyVault implements KeyVault {
    private final SecretsManagerClient client;
    private final String vendorKeySecretId;
    private final Optional<String> webhookSecretId;
    private final String partnerSecretPrefix;

    private SecretsManagerKeyVault(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client is required");
        this.vendorKeySecretId = Objects.requireNonNull(builder.vendorKeySecretId, "vendorKeySecretId is required");
        this.partnerSecretPrefix = Objects.requireNonNull(builder.partnerSecretPrefix, "partnerSecretPrefix is required");
        this.webhookSecretId = Optional.ofNullable(builder.webhookSecretId);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Secret vendorKey() {
        return read(vendorKeySecretId)
                .map(Secret::of)
                .orElseThrow(() -> new KeyVaultException("the vendor key secret " + vendorKeySecretId + " does not exist"));
    }

    @Override
    public Optional<Secret> partnerKey(PartnerId partnerId) {
        return read(partnerSecretName(partnerId)).map(Secret::of);
    }

    @Override
    public void putPartnerKey(PartnerId partnerId, Secret key) {
        String name = partnerSecretName(partnerId);
        try {
            try {
                putValue(name, key);
            } catch (ResourceNotFoundException notYet) {
                try {
                    client.createSecret(CreateSecretRequest.builder()
                            .name(name)
                            .description("Gradient API key of partner " + partnerId.value())
                            .secretString(key.reveal())
                            .build());
                } catch (ResourceExistsException createdConcurrently) {
                    putValue(name, key);
                }
            } catch (InvalidRequestException scheduledForDeletion) {
                // A key deleted a moment ago may still be pending deletion: bring it back, then replace it.
                client.restoreSecret(RestoreSecretRequest.builder().secretId(name).build());
                putValue(name, key);
            }
        } catch (SdkException e) {
            throw new KeyVaultException("cannot store the key of partner " + partnerId.value(), e);
        }
    }

    @Override
    public void deletePartnerKey(PartnerId partnerId) {
        try {
            // Without a recovery window: the partner disconnected and the key must stop working now.
            client.deleteSecret(DeleteSecretRequest.builder()
                    .secretId(partnerSecretName(partnerId))
                    .forceDeleteWithoutRecovery(true)
                    .build());
        } catch (ResourceNotFoundException alreadyGone) {
            // Deleting what is not there is the desired end state.
        } catch (SdkException e) {
            throw new KeyVaultException("cannot delete the key of partner " + partnerId.value(), e);
        }
    }

    @Override
    public WebhookSecrets webhookSecrets() {
        String id = webhookSecretId.orElseThrow(
                () -> new KeyVaultException("no webhook secret is configured (WEBHOOK_SECRET_ID)"));
        String stored = read(id).orElseThrow(
                () -> new KeyVaultException("the webhook secret " + id + " does not exist"));
        try {
            return WebhookSecretsJson.parse(stored);
        } catch (IllegalArgumentException e) {
            throw new KeyVaultException("the webhook secret " + id + " is malformed: " + e.getMessage());
        }
    }

    /** The secret name of a partner's key. */
    public String partnerSecretName(PartnerId partnerId) {
        return partnerSecretPrefix + partnerId.value();
    }

    private void putValue(String name, Secret key) {
        client.putSecretValue(PutSecretValueRequest.builder().secretId(name).secretString(key.reveal()).build());
    }

    private Optional<String> read(String secretId) {
        try {
            GetSecretValueResponse response =
                    client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build());
            return Optional.ofNullable(response.secretString()).filter(s -> !s.isBlank());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (InvalidRequestException e) {
            // Raised for a secret scheduled for deletion: as good as absent.
            return Optional.empty();
        } catch (SdkException e) {
            throw new KeyVaultException("cannot read the secret " + secretId, e);
        }
    }

    /** Builder; {@link #build()} rejects missing required values. */
    public static final class Builder {
        private SecretsManagerClient client;
        private String vendorKeySecretId;
        private String webhookSecretId;
        private String partnerSecretPrefix;

        private Builder() {
        }

        public Builder client(SecretsManagerClient client) {
            this.client = client;
            return this;
        }

        public Builder vendorKeySecretId(String id) {
            this.vendorKeySecretId = id;
            return this;
        }

        /** Optional: only the webhook function reads the signing secret. */
        public Builder webhookSecretId(String id) {
            this.webhookSecretId = id;
            return this;
        }

        public Builder partnerSecretPrefix(String prefix) {
            this.partnerSecretPrefix = prefix;
            return this;
        }

        public SecretsManagerKeyVault build() {
            return new SecretsManagerKeyVault(this);
        }
    }
}
