package io.gradientconnector.localrun;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code make run} can be told through environment variables, with the defaults. Values that are secrets in
 * production (the vendor key, the webhook secret, the portal key) are local demo values here, which is why the
 * banner may print them.
 *
 * @param root             the repository (template.yaml, Makefile, .venv, functions/*)
 * @param apiPort          {@code LOCAL_PORT}, default 3000
 * @param sandboxPort      {@code LOCAL_SANDBOX_PORT}, default 8089
 * @param awsPort          {@code LOCAL_AWS_PORT}: where moto listens, default 4566
 * @param awsEndpoint      {@code AWS_ENDPOINT_URL}: an emulator already running (no moto is started)
 * @param gradientBaseUrl  {@code GRADIENT_BASE_URL}: another Gradient (no sandbox is started)
 * @param vendorApiKey     {@code LOCAL_VENDOR_API_KEY}, default {@value #DEFAULT_VENDOR_API_KEY}
 * @param webhookSecret    {@code LOCAL_WEBHOOK_SECRET}, default {@value #DEFAULT_WEBHOOK_SECRET}
 * @param portalApiKey     {@code LOCAL_PORTAL_API_KEY}, default {@value #DEFAULT_PORTAL_API_KEY}
 * @param schedulePeriod   {@code LOCAL_SCHEDULE_SECONDS}: every schedule's local period
 * @param sandboxAutoMap   {@code LOCAL_SANDBOX_AUTO_MAP} (default true): the sandbox maps new accounts and services
 *                         itself, standing in for the MSP's mapping step
 */
public record LocalSettings(Path root, int apiPort, int sandboxPort, int awsPort, Optional<URI> awsEndpoint,
                            Optional<URI> gradientBaseUrl, String vendorApiKey, String webhookSecret,
                            String portalApiKey, Optional<Duration> schedulePeriod, boolean sandboxAutoMap) {

    public static final int DEFAULT_API_PORT = 3000;
    public static final int DEFAULT_SANDBOX_PORT = 8089;
    public static final int DEFAULT_AWS_PORT = 4566;
    public static final String DEFAULT_VENDOR_API_KEY = "demo-vendor-key";
    public static final String DEFAULT_WEBHOOK_SECRET = "local-webhook-secret";
    public static final String DEFAULT_PORTAL_API_KEY = "local-portal-key";

    public LocalSettings {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(awsEndpoint, "awsEndpoint");
        Objects.requireNonNull(gradientBaseUrl, "gradientBaseUrl");
        requireText(vendorApiKey, "LOCAL_VENDOR_API_KEY");
        requireText(webhookSecret, "LOCAL_WEBHOOK_SECRET");
        requireText(portalApiKey, "LOCAL_PORTAL_API_KEY");
        Objects.requireNonNull(schedulePeriod, "schedulePeriod");
    }

    /** From {@code env}; a bad value fails naming the variable (never echoing a secret). */
    public static LocalSettings fromEnvironment(Map<String, String> env, Path root) {
        return new LocalSettings(root,
                port(env, "LOCAL_PORT", DEFAULT_API_PORT),
                port(env, "LOCAL_SANDBOX_PORT", DEFAULT_SANDBOX_PORT),
                port(env, "LOCAL_AWS_PORT", DEFAULT_AWS_PORT),
                uri(env, "AWS_ENDPOINT_URL"),
                uri(env, "GRADIENT_BASE_URL"),
                text(env, "LOCAL_VENDOR_API_KEY", DEFAULT_VENDOR_API_KEY),
                text(env, "LOCAL_WEBHOOK_SECRET", DEFAULT_WEBHOOK_SECRET),
                text(env, "LOCAL_PORTAL_API_KEY", DEFAULT_PORTAL_API_KEY),
                seconds(env, "LOCAL_SCHEDULE_SECONDS"),
                bool(env, "LOCAL_SANDBOX_AUTO_MAP", true));
    }

    public Path template() {
        return root.resolve("template.yaml");
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(name + " must be a port number 0..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number 0..65535");
        }
    }

    private static Optional<URI> uri(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value.strip().replaceAll("/+$", ""));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
        }
    }

    private static Optional<Duration> seconds(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 1) {
                throw new IllegalArgumentException(name + " must be a whole number of seconds >= 1");
            }
            return Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds >= 1");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false");
        };
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
