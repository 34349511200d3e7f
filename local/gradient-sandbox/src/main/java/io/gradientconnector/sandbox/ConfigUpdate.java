package io.gradientconnector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A partial change of {@link SandboxConfig}: null fields stay as they are. Build with {@link #builder()}. */
public record ConfigUpdate(Integer rateLimitPerSecond, Boolean deltaRoutesEnabled, Integer clientsPageSize,
                           Long rebuildQuietMillis, Boolean legacyStatusesAccepted, Boolean retryAfterOnRateLimit,
                           Long alertResolveMillis, Double alertFailRate, Double alertPendingRate, Long alertSeed,
                           Integer responseLatencyMillis) {

    public static Builder builder() {
        return new Builder();
    }

    JsonNode toJson() {
        ObjectNode node = Json.object();
        if (rateLimitPerSecond != null) {
            node.put("rateLimitPerSecond", rateLimitPerSecond);
        }
        if (deltaRoutesEnabled != null) {
            node.put("deltaRoutesEnabled", deltaRoutesEnabled);
        }
        if (clientsPageSize != null) {
            node.put("clientsPageSize", clientsPageSize);
        }
        if (rebuildQuietMillis != null) {
            node.put("rebuildQuietMillis", rebuildQuietMillis);
        }
        if (legacyStatusesAccepted != null) {
            node.put("legacyStatusesAccepted", legacyStatusesAccepted);
        }
        if (retryAfterOnRateLimit != null) {
            node.put("retryAfterOnRateLimit", retryAfterOnRateLimit);
        }
        if (alertResolveMillis != null) {
            node.put("alertResolveMillis", alertResolveMillis);
        }
        if (alertFailRate != null) {
            node.put("alertFailRate", alertFailRate);
        }
        if (alertPendingRate != null) {
            node.put("alertPendingRate", alertPendingRate);
        }
        if (alertSeed != null) {
            node.put("alertSeed", alertSeed);
        }
        if (responseLatencyMillis != null) {
            node.put("responseLatencyMillis", responseLatencyMillis);
        }
        return node;
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private Integer rateLimitPerSecond;
        private Boolean deltaRoutesEnabled;
        private Integer clientsPageSize;
        private Long rebuildQuietMillis;
        private Boolean legacyStatusesAccepted;
        private Boolean retryAfterOnRateLimit;
        private Long alertResolveMillis;
        private Double alertFailRate;
        private Double alertPendingRate;
        private Long alertSeed;
        private Integer responseLatencyMillis;

        private Builder() {
        }

        /**
         * Alerts become tickets (or fail) this long after they were queued; -1 leaves them pending until resolved by
         * hand ({@code POST /__sandbox/alerts/{messageId}/resolve}).
         */
        public Builder alertResolveMillis(long value) {
            alertResolveMillis = value;
            return this;
        }

        /** The share of alerts that fail (PSA-style status code and errors) instead of becoming tickets. */
        public Builder alertFailRate(double value) {
            alertFailRate = value;
            return this;
        }

        /** The share of alerts left pending forever (Gradient never finishes them). */
        public Builder alertPendingRate(double value) {
            alertPendingRate = value;
            return this;
        }

        /** Seed of the draws above, so a given order of alerts always gets the same outcomes. */
        public Builder alertSeed(long value) {
            alertSeed = value;
            return this;
        }

        public Builder rateLimitPerSecond(int value) {
            rateLimitPerSecond = value;
            return this;
        }

        public Builder deltaRoutesEnabled(boolean value) {
            deltaRoutesEnabled = value;
            return this;
        }

        public Builder clientsPageSize(int value) {
            clientsPageSize = value;
            return this;
        }

        public Builder rebuildQuietMillis(long value) {
            rebuildQuietMillis = value;
            return this;
        }

        public Builder legacyStatusesAccepted(boolean value) {
            legacyStatusesAccepted = value;
            return this;
        }

        public Builder retryAfterOnRateLimit(boolean value) {
            retryAfterOnRateLimit = value;
            return this;
        }

        /** Every Vendor API answer is sent this long after the request arrived (its arrival still counts at once). */
        public Builder responseLatencyMillis(int value) {
            responseLatencyMillis = value;
            return this;
        }

        public ConfigUpdate build() {
            return new ConfigUpdate(rateLimitPerSecond, deltaRoutesEnabled, clientsPageSize, rebuildQuietMillis,
                    legacyStatusesAccepted, retryAfterOnRateLimit, alertResolveMillis, alertFailRate, alertPendingRate,
                    alertSeed, responseLatencyMillis);
        }
    }
}
