package io.gradientconnector.lambda;

import io.gradientconnector.app.events.VendorEventsService;
import io.gradientconnector.domain.PushMode;

import java.net.URI;
import java.nio.file.Path;
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
        Optional<Path> serviceCatalogPath,
        int webhookApplyConcurrency) {

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
        Objects.requireNonNull(serviceCatalogPath, "serviceCatalogPath");
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
                r.optional("SERVICE_CATALOG_PATH").map(Path::of),
                r.integer("WEBHOOK_APPLY_CONCURRENCY", VendorEventsService.DEFAULT_APPLY_CONCURRENCY, 1,
                        VendorEventsService.MAX_APPLY_CONCURRENCY));
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
