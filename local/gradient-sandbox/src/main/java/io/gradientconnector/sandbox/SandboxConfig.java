package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** The sandbox's runtime settings, as {@code GET/POST /__sandbox/config} reports them. */
public record SandboxConfig(int rateLimitPerSecond, boolean deltaRoutesEnabled, int clientsPageSize,
                            long rebuildQuietMillis, boolean legacyStatusesAccepted, boolean retryAfterOnRateLimit,
                            long alertResolveMillis, double alertFailRate, double alertPendingRate, long alertSeed,
                            int responseLatencyMillis) {

    /** {@code alertResolveMillis} meaning "never by itself": alerts stay pending until a test resolves them. */
    public static final long ALERTS_RESOLVED_BY_HAND = -1;
    /** The PSA-side delay {@code make run} (auto-map on) gives alerts before they become tickets. */
    public static final long DEMO_ALERT_RESOLVE_MILLIS = 2_000;

    public static final int DEFAULT_CLIENTS_PAGE_SIZE = 50;

    public SandboxConfig {
        if (rateLimitPerSecond < 1) {
            throw new IllegalArgumentException("rateLimitPerSecond must be at least 1");
        }
        if (clientsPageSize < 1) {
            throw new IllegalArgumentException("clientsPageSize must be at least 1");
        }
        if (responseLatencyMillis < 0 || responseLatencyMillis > 60_000) {
            throw new IllegalArgumentException("responseLatencyMillis must be 0..60000");
        }
        if (rebuildQuietMillis < 0) {
            throw new IllegalArgumentException("rebuildQuietMillis must not be negative");
        }
        if (alertResolveMillis < ALERTS_RESOLVED_BY_HAND) {
            throw new IllegalArgumentException("alertResolveMillis must be -1 (by hand) or at least 0");
        }
        if (!(alertFailRate >= 0 && alertFailRate <= 1) || !(alertPendingRate >= 0 && alertPendingRate <= 1)) {
            throw new IllegalArgumentException("alertFailRate and alertPendingRate must be between 0 and 1");
        }
    }

    /** The same settings with alerts resolved after {@code millis}, failing and staying pending at these rates. */
    public SandboxConfig withAlerts(long millis, double failRate, double pendingRate, long seed) {
        return new SandboxConfig(rateLimitPerSecond, deltaRoutesEnabled, clientsPageSize, rebuildQuietMillis,
                legacyStatusesAccepted, retryAfterOnRateLimit, millis, failRate, pendingRate, seed, responseLatencyMillis);
    }

    static SandboxConfig from(SandboxOptions options) {
        return new SandboxConfig(options.rateLimitPerSecond(), options.deltaRoutesEnabled(), DEFAULT_CLIENTS_PAGE_SIZE,
                options.rebuildQuietPeriod().toMillis(), options.legacyStatusesAccepted(),
                options.retryAfterOnRateLimit(),
                options.autoMapNewAccountsAndServices() ? DEMO_ALERT_RESOLVE_MILLIS : ALERTS_RESOLVED_BY_HAND, 0, 0, 0, 0);
    }

    JsonNode toJson() {
        return Json.object().put("rateLimitPerSecond", rateLimitPerSecond)
                .put("deltaRoutesEnabled", deltaRoutesEnabled).put("clientsPageSize", clientsPageSize)
                .put("rebuildQuietMillis", rebuildQuietMillis).put("legacyStatusesAccepted", legacyStatusesAccepted)
                .put("retryAfterOnRateLimit", retryAfterOnRateLimit)
                .put("alertResolveMillis", alertResolveMillis).put("alertFailRate", alertFailRate)
                .put("alertPendingRate", alertPendingRate).put("alertSeed", alertSeed)
                .put("responseLatencyMillis", responseLatencyMillis);
    }

    static SandboxConfig fromJson(JsonNode node) {
        return new SandboxConfig(node.path("rateLimitPerSecond").asInt(), node.path("deltaRoutesEnabled").asBoolean(),
                node.path("clientsPageSize").asInt(), node.path("rebuildQuietMillis").asLong(),
                node.path("legacyStatusesAccepted").asBoolean(), node.path("retryAfterOnRateLimit").asBoolean(),
                node.path("alertResolveMillis").asLong(ALERTS_RESOLVED_BY_HAND), node.path("alertFailRate").asDouble(),
                node.path("alertPendingRate").asDouble(), node.path("alertSeed").asLong(),
                node.path("responseLatencyMillis").asInt());
    }
}
