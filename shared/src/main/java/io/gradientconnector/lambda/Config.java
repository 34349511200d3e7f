package io.gradientconnector.lambda;

import io.gradientconnector.app.alerts.AlertPolicy;

import io.gradientconnector.app.events.VendorEventsService;
import io.gradientconnector.domain.PushMode;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the connector reads from its environment, parsed once at cold start
 * ({@link #fromEnvironment()}) and passed explicitly; see docs/ARCHITECTURE.md for the table of
 * variables. {@code TABLE_NAME} is required everywhere and checked here; variables only some
 * functions use are required through the {@code requireX()} accessors, which a handler calls in its
 * constructor so that it too fails at cold start. Every failure is a {@link ConfigException} naming
 * the variable, never echoing its value. Immutable.
 *
 */
public record Config(
        URI gradientBaseUrl,
        int gradientRateLimitPerSecond,
        String gradientRateScope,
        int gradientRateSlice,
        int pushWindow,
        Duration gradientTimeout,
        String gradientAddCountPath,
        String gradientSubtractCountPath,
        PushMode pushMode,
        String tableName,
        Optional<String> usageQueueUrl,
        Optional<String> syncQueueUrl,
        Optional<String> vendorKeySecretId,
        Optional<String> webhookSecretId,
        Optional<String> partnerSecretPrefix,
        Duration secretsCacheTtl,
        Duration dedupTtl,
        Optional<URI> awsEndpointUrl,
        Optional<String> awsRegion,
        Optional<ServiceCatalogObject> serviceCatalog,
        Duration pushAuditTtl,
        Optional<String> alertQueueUrl,
        Duration alertTtl,
        AlertPolicy alertPolicy,
        int webhookApplyConcurrency) {

    /** The budget's scopes (GRADIENT_RATE_SCOPE): one budget for the vendor key, or one per partner token. */
    public static final String RATE_SCOPE_VENDOR = "vendor";
    public static final String RATE_SCOPE_PARTNER = "partner";
    public static final String DEFAULT_GRADIENT_BASE_URL = "https://app.usegradient.com";
    public static final String DEFAULT_ADD_COUNT_PATH = "/api/vendor-api/service/{serviceId}/count/add";
    public static final String DEFAULT_SUBTRACT_COUNT_PATH = "/api/vendor-api/service/{serviceId}/count/subtract";

    public Config {
        Objects.requireNonNull(gradientBaseUrl, "gradientBaseUrl");
        Objects.requireNonNull(gradientTimeout, "gradientTimeout");
        Objects.requireNonNull(gradientAddCountPath, "gradientAddCountPath");
        Objects.requireNonNull(gradientSubtractCountPath, "gradientSubtractCountPath");
        Objects.requireNonNull(pushMode, "pushMode");
        Objects.requireNonNull(secretsCacheTtl, "secretsCacheTtl");
        Objects.requireNonNull(dedupTtl, "dedupTtl");
        Objects.requireNonNull(usageQueueUrl, "usageQueueUrl");
        Objects.requireNonNull(syncQueueUrl, "syncQueueUrl");
        Objects.requireNonNull(vendorKeySecretId, "vendorKeySecretId");
        Objects.requireNonNull(webhookSecretId, "webhookSecretId");
        Objects.requireNonNull(partnerSecretPrefix, "partnerSecretPrefix");
        Objects.requireNonNull(awsEndpointUrl, "awsEndpointUrl");
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(serviceCatalog, "serviceCatalog");
        Objects.requireNonNull(pushAuditTtl, "pushAuditTtl");
        Objects.requireNonNull(alertQueueUrl, "alertQueueUrl");
        Objects.requireNonNull(alertTtl, "alertTtl");
        Objects.requireNonNull(alertPolicy, "alertPolicy");
        if (tableName == null || tableName.isBlank()) {
            throw new ConfigException("TABLE_NAME", "is required");
        }
        if (webhookApplyConcurrency < 1 || webhookApplyConcurrency > VendorEventsService.MAX_APPLY_CONCURRENCY) {
            throw new ConfigException("WEBHOOK_APPLY_CONCURRENCY", "must be between 1 and "
                    + VendorEventsService.MAX_APPLY_CONCURRENCY);
        }
        if (gradientRateLimitPerSecond < 1) {
            throw new ConfigException("GRADIENT_RATE_LIMIT_PER_SECOND", "must be at least 1");
        }
        if (!RATE_SCOPE_VENDOR.equals(gradientRateScope) && !RATE_SCOPE_PARTNER.equals(gradientRateScope)) {
            throw new ConfigException("GRADIENT_RATE_SCOPE", "must be 'vendor' or 'partner'");
        }
        if (gradientRateSlice < 1) {
            throw new ConfigException("GRADIENT_RATE_SLICE", "must be at least 1");
        }
        if (pushWindow < 1) {
            throw new ConfigException("PUSH_WINDOW", "must be at least 1");
        }
    }

    /** The configuration of this process (the Lambda environment). */
    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /** The configuration described by {@code env}; blank values count as unset. */
    public static Config from(Map<String, String> env) {
        Reader r = new Reader(env);
        return new Config(
                r.uri("GRADIENT_BASE_URL", DEFAULT_GRADIENT_BASE_URL),
                r.integer("GRADIENT_RATE_LIMIT_PER_SECOND", 100, 1, 10_000),
                r.optional("GRADIENT_RATE_SCOPE").map(v -> v.toLowerCase(Locale.ROOT)).orElse(RATE_SCOPE_VENDOR),
                r.integer("GRADIENT_RATE_SLICE", 10, 1, 100),
                r.integer("PUSH_WINDOW", 16, 1, 64),
                Duration.ofMillis(r.integer("GRADIENT_TIMEOUT_MS", 10_000, 100, 900_000)),
                r.path("GRADIENT_ADD_COUNT_PATH", DEFAULT_ADD_COUNT_PATH),
                r.path("GRADIENT_SUBTRACT_COUNT_PATH", DEFAULT_SUBTRACT_COUNT_PATH),
                r.pushMode(),
                r.required("TABLE_NAME"),
                r.optional("USAGE_QUEUE_URL"),
                r.optional("SYNC_QUEUE_URL"),
                r.optional("VENDOR_KEY_SECRET_ID"),
                r.optional("WEBHOOK_SECRET_ID"),
                r.optional("PARTNER_SECRET_PREFIX"),
                Duration.ofSeconds(r.integer("SECRETS_CACHE_TTL_SECONDS", 300, 0, 86_400)),
                Duration.ofDays(r.integer("DEDUP_TTL_DAYS", 30, 1, 365)),
                r.optionalUri("AWS_ENDPOINT_URL"),
                r.optional("AWS_REGION"),
                r.catalogObject(),
                Duration.ofDays(r.integer("PUSH_AUDIT_TTL_DAYS", 90, 1, 3650)),
                r.optional("ALERT_QUEUE_URL"),
                Duration.ofDays(r.integer("ALERT_TTL_DAYS", 30, 1, 365)),
                r.alertPolicy(),
                r.integer("WEBHOOK_APPLY_CONCURRENCY", VendorEventsService.DEFAULT_APPLY_CONCURRENCY, 1,
                        VendorEventsService.MAX_APPLY_CONCURRENCY));
    }

    public String requireAlertQueueUrl() {
        return require(alertQueueUrl, "ALERT_QUEUE_URL");
    }

    /**
     * Where the vendor's catalog is: the S3 object named by {@code SERVICE_CATALOG_BUCKET} and
     * {@code SERVICE_CATALOG_KEY} (both or neither).
     *
     * @param bucket the bucket
     * @param key    the object key (a new key per catalog version, so a deploy changes the configuration)
     */
    public record ServiceCatalogObject(String bucket, String key) {
        public ServiceCatalogObject {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "s3://" + bucket + "/" + key;
        }
    }

    public String requireUsageQueueUrl() {
        return require(usageQueueUrl, "USAGE_QUEUE_URL");
    }

    public String requireSyncQueueUrl() {
        return require(syncQueueUrl, "SYNC_QUEUE_URL");
    }

    public String requireVendorKeySecretId() {
        return require(vendorKeySecretId, "VENDOR_KEY_SECRET_ID");
    }

    public String requireWebhookSecretId() {
        return require(webhookSecretId, "WEBHOOK_SECRET_ID");
    }

    public String requirePartnerSecretPrefix() {
        return require(partnerSecretPrefix, "PARTNER_SECRET_PREFIX");
    }

    public String requireAwsRegion() {
        return require(awsRegion, "AWS_REGION");
    }

    private static String require(Optional<String> value, String variable) {
        return value.orElseThrow(() -> new ConfigException(variable, "is required"));
    }

    /** Parses one variable at a time, so every message can name its variable. */
    private record Reader(Map<String, String> env) {
        Reader {
            Objects.requireNonNull(env, "env");
        }

        Optional<String> optional(String name) {
            String value = env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        Optional<ServiceCatalogObject> catalogObject() {
            Optional<String> bucket = optional("SERVICE_CATALOG_BUCKET");
            Optional<String> key = optional("SERVICE_CATALOG_KEY");
            if (bucket.isPresent() != key.isPresent()) {
                throw new ConfigException(bucket.isPresent() ? "SERVICE_CATALOG_KEY" : "SERVICE_CATALOG_BUCKET",
                        "is required when " + (bucket.isPresent() ? "SERVICE_CATALOG_BUCKET" : "SERVICE_CATALOG_KEY")
                                + " is set");
            }
            return bucket.map(b -> new ServiceCatalogObject(b, key.get()));
        }

        String required(String name) {
            return optional(name).orElseThrow(() -> new ConfigException(name, "is required"));
        }

        int integer(String name, int defaultValue, int min, int max) {
            String value = optional(name).orElse(null);
            if (value == null) {
                return defaultValue;
            }
            int parsed;
            try {
                parsed = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ConfigException(name, "must be a whole number");
            }
            if (parsed < min || parsed > max) {
                throw new ConfigException(name, "must be between " + min + " and " + max);
            }
            return parsed;
        }

        URI uri(String name, String defaultValue) {
            return optionalUri(name).orElseGet(() -> URI.create(defaultValue));
        }

        Optional<URI> optionalUri(String name) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(value.get());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw new ConfigException(name, "must be an absolute http(s) URL");
                }
                return Optional.of(uri);
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(name, "must be an absolute http(s) URL");
            }
        }

        String path(String name, String defaultValue) {
            String value = optional(name).orElse(null);
            if (value == null) {
                return defaultValue;
            }
            if (!value.startsWith("/") || !value.contains("{serviceId}")) {
                throw new ConfigException(name, "must start with '/' and contain {serviceId}");
            }
            return value;
        }

        AlertPolicy alertPolicy() {
            AlertPolicy defaults = AlertPolicy.defaults();
            String outcome = optional("ALERT_UNKNOWN_OUTCOME").orElse("unconfirmed").toLowerCase(Locale.ROOT);
            AlertPolicy.UnknownOutcome unknown = switch (outcome) {
                case "unconfirmed" -> AlertPolicy.UnknownOutcome.UNCONFIRMED;
                case "resend" -> AlertPolicy.UnknownOutcome.RESEND;
                default -> throw new ConfigException("ALERT_UNKNOWN_OUTCOME", "must be 'unconfirmed' or 'resend'");
            };
            return new AlertPolicy(
                    seconds("ALERT_POLL_INITIAL_SECONDS", defaults.firstPoll(), 0, 900),
                    seconds("ALERT_POLL_MAX_DELAY_SECONDS", defaults.maxPollDelay(), 1, 900),
                    seconds("ALERT_CONFIRM_MAX_WAIT_SECONDS", defaults.confirmWithin(), 1, 7 * 86_400),
                    seconds("ALERT_DEDUP_WINDOW_SECONDS", defaults.dedupWindow(), 0, 30 * 86_400),
                    unknown,
                    seconds("ALERT_SEND_RETRY_SECONDS", defaults.firstSendRetry(), 0, 900),
                    integer("ALERT_MAX_SEND_ATTEMPTS", defaults.maxSendAttempts(), 1, 1000),
                    defaults.sendingLease());
        }

        Duration seconds(String name, Duration defaultValue, int min, int max) {
            return Duration.ofSeconds(integer(name, (int) defaultValue.toSeconds(), min, max));
        }

        PushMode pushMode() {
            String value = optional("PUSH_MODE").orElse(null);
            if (value == null) {
                return PushMode.ABSOLUTE;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "absolute" -> PushMode.ABSOLUTE;
                case "delta" -> PushMode.DELTA;
                default -> throw new ConfigException("PUSH_MODE", "must be 'absolute' or 'delta'");
            };
        }
    }
}
