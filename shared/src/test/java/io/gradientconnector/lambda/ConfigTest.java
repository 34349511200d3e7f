package io.gradientconnector.lambda;

import io.gradientconnector.domain.PushMode;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", "connector"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void from_shouldApplyDocumentedDefaults_whenOnlyTableNameSet() {
        Config config = Config.from(env());

        assertEquals(URI.create("https://app.usegradient.com"), config.gradientBaseUrl());
        assertEquals(100, config.gradientRateLimitPerSecond());
        assertEquals(Config.RATE_SCOPE_VENDOR, config.gradientRateScope());
        assertEquals(10, config.gradientRateSlice());
        assertEquals(16, config.pushWindow());
        assertEquals(Duration.ofSeconds(10), config.gradientTimeout());
        assertEquals("/api/vendor-api/service/{serviceId}/count/add", config.gradientAddCountPath());
        assertEquals("/api/vendor-api/service/{serviceId}/count/subtract", config.gradientSubtractCountPath());
        assertEquals(PushMode.ABSOLUTE, config.pushMode());
        assertEquals(Duration.ofSeconds(300), config.secretsCacheTtl());
        assertEquals(Duration.ofDays(30), config.dedupTtl());
        assertEquals(Duration.ofDays(90), config.pushAuditTtl());
        assertEquals(Optional.empty(), config.awsEndpointUrl());
        assertEquals(Optional.empty(), config.serviceCatalog());
    }

    @Test
    void from_shouldReadEveryVariable_whenSet() {
        Config config = Config.from(env(
                "GRADIENT_BASE_URL", "http://127.0.0.1:8089",
                "GRADIENT_RATE_LIMIT_PER_SECOND", "25",
                "GRADIENT_RATE_SCOPE", "Partner",
                "GRADIENT_RATE_SLICE", "4",
                "PUSH_WINDOW", "8",
                "GRADIENT_TIMEOUT_MS", "2500",
                "PUSH_MODE", "Delta",
                "USAGE_QUEUE_URL", "https://sqs/usage",
                "SYNC_QUEUE_URL", "https://sqs/sync",
                "VENDOR_KEY_SECRET_ID", "gc/vendor",
                "WEBHOOK_SECRET_ID", "gc/webhook",
                "PARTNER_SECRET_PREFIX", "gc/partners/",
                "SECRETS_CACHE_TTL_SECONDS", "60",
                "DEDUP_TTL_DAYS", "7",
                "PUSH_AUDIT_TTL_DAYS", "14",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_REGION", "eu-west-1",
                "SERVICE_CATALOG_BUCKET", "vendor-config",
                "SERVICE_CATALOG_KEY", "catalogs/v7.json"));

        assertEquals(25, config.gradientRateLimitPerSecond());
        assertEquals(Config.RATE_SCOPE_PARTNER, config.gradientRateScope());
        assertEquals(4, config.gradientRateSlice());
        assertEquals(8, config.pushWindow());
        assertEquals(Duration.ofMillis(2500), config.gradientTimeout());
        assertEquals(PushMode.DELTA, config.pushMode());
        assertEquals("https://sqs/usage", config.requireUsageQueueUrl());
        assertEquals("https://sqs/sync", config.requireSyncQueueUrl());
        assertEquals("gc/vendor", config.requireVendorKeySecretId());
        assertEquals("gc/webhook", config.requireWebhookSecretId());
        assertEquals("gc/partners/", config.requirePartnerSecretPrefix());
        assertEquals(Duration.ofSeconds(60), config.secretsCacheTtl());
        assertEquals(Duration.ofDays(7), config.dedupTtl());
        assertEquals(Duration.ofDays(14), config.pushAuditTtl());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5000")), config.awsEndpointUrl());
        assertEquals("eu-west-1", config.requireAwsRegion());
        assertEquals("s3://vendor-config/catalogs/v7.json", config.serviceCatalog().orElseThrow().toString());
    }

    @Test
    void from_shouldNameTheMissingVariable_whenOnlyTheCatalogBucketIsSet() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.from(env("SERVICE_CATALOG_BUCKET", "vendor-config")));

        assertTrue(e.getMessage().contains("SERVICE_CATALOG_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("vendor-config"), e.getMessage());
    }

    @Test
    void from_shouldReadTheWebhookApplyConcurrency_andRefuseOneOutOfRange() {
        assertEquals(8, Config.from(env()).webhookApplyConcurrency());
        assertEquals(1, Config.from(env("WEBHOOK_APPLY_CONCURRENCY", "1")).webhookApplyConcurrency());

        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.from(env("WEBHOOK_APPLY_CONCURRENCY", "65")));
        assertEquals("WEBHOOK_APPLY_CONCURRENCY", e.variable());
        assertEquals("WEBHOOK_APPLY_CONCURRENCY must be between 1 and 64", e.getMessage());
    }

    @Test
    void from_shouldNameTheVariable_whenTableNameMissing() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.from(Map.of("TABLE_NAME", "  ")));

        assertEquals("TABLE_NAME", e.variable());
        assertEquals("TABLE_NAME is required", e.getMessage());
    }

    @Test
    void requireX_shouldNameTheVariable_whenUnset() {
        Config config = Config.from(env());

        assertEquals("USAGE_QUEUE_URL is required",
                assertThrows(ConfigException.class, config::requireUsageQueueUrl).getMessage());
        assertEquals("WEBHOOK_SECRET_ID is required",
                assertThrows(ConfigException.class, config::requireWebhookSecretId).getMessage());
        assertEquals("PARTNER_SECRET_PREFIX is required",
                assertThrows(ConfigException.class, config::requirePartnerSecretPrefix).getMessage());
    }

    @Test
    void from_shouldNotEchoTheValue_whenMalformed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.from(env("GRADIENT_TIMEOUT_MS", "sk_live_oops")));

        assertEquals("GRADIENT_TIMEOUT_MS must be a whole number", e.getMessage());
        assertFalse(e.getMessage().contains("sk_live_oops"));
    }

    @Test
    void from_shouldReject_whenValuesOutOfRangeOrShape() {
        assertEquals("GRADIENT_RATE_LIMIT_PER_SECOND must be between 1 and 10000", assertThrows(ConfigException.class,
                () -> Config.from(env("GRADIENT_RATE_LIMIT_PER_SECOND", "0"))).getMessage());
        assertEquals("GRADIENT_RATE_SCOPE must be 'vendor' or 'partner'", assertThrows(ConfigException.class,
                () -> Config.from(env("GRADIENT_RATE_SCOPE", "container"))).getMessage());
        assertEquals("GRADIENT_RATE_SLICE must be between 1 and 100", assertThrows(ConfigException.class,
                () -> Config.from(env("GRADIENT_RATE_SLICE", "0"))).getMessage());
        assertEquals("PUSH_WINDOW must be between 1 and 64", assertThrows(ConfigException.class,
                () -> Config.from(env("PUSH_WINDOW", "65"))).getMessage());
        assertEquals("PUSH_MODE must be 'absolute' or 'delta'", assertThrows(ConfigException.class,
                () -> Config.from(env("PUSH_MODE", "sometimes"))).getMessage());
        assertEquals("GRADIENT_BASE_URL must be an absolute http(s) URL", assertThrows(ConfigException.class,
                () -> Config.from(env("GRADIENT_BASE_URL", "app.usegradient.com"))).getMessage());
        assertEquals("GRADIENT_ADD_COUNT_PATH must start with '/' and contain {serviceId}",
                assertThrows(ConfigException.class,
                        () -> Config.from(env("GRADIENT_ADD_COUNT_PATH", "/count/add"))).getMessage());
        assertEquals("ALERT_UNKNOWN_OUTCOME must be 'unconfirmed' or 'resend'", assertThrows(ConfigException.class,
                () -> Config.from(env("ALERT_UNKNOWN_OUTCOME", "maybe"))).getMessage());
        assertEquals("ALERT_POLL_MAX_DELAY_SECONDS must be between 1 and 900", assertThrows(ConfigException.class,
                () -> Config.from(env("ALERT_POLL_MAX_DELAY_SECONDS", "901"))).getMessage());
    }

    @Test
    void from_shouldReadTheAlertSettings_withSafeDefaults() {
        Config defaults = Config.from(env());
        assertEquals(io.gradientconnector.app.alerts.AlertPolicy.defaults(), defaults.alertPolicy());
        assertEquals(io.gradientconnector.app.alerts.AlertPolicy.UnknownOutcome.UNCONFIRMED,
                defaults.alertPolicy().unknownOutcome(), "never risk a second ticket by default");
        assertEquals(java.time.Duration.ofDays(30), defaults.alertTtl());
        assertEquals("ALERT_QUEUE_URL is required",
                assertThrows(ConfigException.class, defaults::requireAlertQueueUrl).getMessage());
        Config set = Config.from(env("ALERT_UNKNOWN_OUTCOME", "RESEND", "ALERT_CONFIRM_MAX_WAIT_SECONDS", "120",
                "ALERT_DEDUP_WINDOW_SECONDS", "0", "ALERT_TTL_DAYS", "7", "ALERT_QUEUE_URL", "http://q"));
        assertEquals(io.gradientconnector.app.alerts.AlertPolicy.UnknownOutcome.RESEND, set.alertPolicy().unknownOutcome());
        assertEquals(java.time.Duration.ofSeconds(120), set.alertPolicy().confirmWithin());
        assertEquals(java.time.Duration.ZERO, set.alertPolicy().dedupWindow());
        assertEquals(java.time.Duration.ofDays(7), set.alertTtl());
        assertEquals("http://q", set.requireAlertQueueUrl());
    }
}
