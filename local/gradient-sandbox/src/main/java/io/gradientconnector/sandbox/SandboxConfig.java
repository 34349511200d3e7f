package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** The sandbox's runtime settings, as {@code GET/POST /__sandbox/config} reports them. */
public record SandboxConfig(int rateLimitPerSecond, boolean deltaRoutesEnabled, int clientsPageSize,
                            long rebuildQuietMillis, boolean legacyStatusesAccepted, boolean retryAfterOnRateLimit,
                            int responseLatencyMillis) {

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
    }

    static SandboxConfig from(SandboxOptions options) {
        return new SandboxConfig(options.rateLimitPerSecond(), options.deltaRoutesEnabled(), DEFAULT_CLIENTS_PAGE_SIZE,
                options.rebuildQuietPeriod().toMillis(), options.legacyStatusesAccepted(),
                options.retryAfterOnRateLimit(), 0);
    }

    JsonNode toJson() {
        return Json.object().put("rateLimitPerSecond", rateLimitPerSecond)
                .put("deltaRoutesEnabled", deltaRoutesEnabled).put("clientsPageSize", clientsPageSize)
                .put("rebuildQuietMillis", rebuildQuietMillis).put("legacyStatusesAccepted", legacyStatusesAccepted)
                .put("retryAfterOnRateLimit", retryAfterOnRateLimit)
                .put("responseLatencyMillis", responseLatencyMillis);
    }

    static SandboxConfig fromJson(JsonNode node) {
        return new SandboxConfig(node.path("rateLimitPerSecond").asInt(), node.path("deltaRoutesEnabled").asBoolean(),
                node.path("clientsPageSize").asInt(), node.path("rebuildQuietMillis").asLong(),
                node.path("legacyStatusesAccepted").asBoolean(), node.path("retryAfterOnRateLimit").asBoolean(),
                node.path("responseLatencyMillis").asInt());
    }
}
