package io.gradientconnector.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Start-up settings of a {@link GradientSandbox}. Most can be changed at runtime through
 * {@code POST /__sandbox/config}; {@code reset} restores these values.
 *
 * @param port                   TCP port on 127.0.0.1; 0 picks an ephemeral port
 * @param rateLimitPerSecond     Vendor API requests allowed in any sliding 1-second window (all tokens together)
 * @param rebuildQuietPeriod     how long after the last building count call the billing rebuild fires (debounce)
 * @param deltaRoutesEnabled     serve the UNCONFIRMED {@code PATCH .../count/add|subtract} routes (else 404)
 * @param legacyStatusesAccepted accept the legacy integration statuses {@code disabled} and {@code error}
 * @param retryAfterOnRateLimit  send {@code Retry-After: 1} with rate-limit 429s (UNCONFIRMED upstream)
 * @param clock                  the sandbox's only time source: rate window, rebuild debounce, outages, timestamps
 * @param autoMapNewAccountsAndServices the MSP's mapping step, simulated: after each Vendor API request, accounts,
 *                               vendor SKUs and organization services the integration has not seen yet are mapped
 *                               (accounts to no PSA client). Off by default; {@code make run} turns it on so a count
 *                               reaches the status page without a manual step. An explicit unmap sticks.
 */
public record SandboxOptions(int port, int rateLimitPerSecond, Duration rebuildQuietPeriod, boolean deltaRoutesEnabled,
                             boolean legacyStatusesAccepted, boolean retryAfterOnRateLimit, Clock clock,
                             boolean autoMapNewAccountsAndServices) {

    public static final int DEFAULT_PORT = 8089;
    public static final int DEFAULT_RATE_LIMIT_PER_SECOND = 100;
    public static final Duration DEFAULT_REBUILD_QUIET_PERIOD = Duration.ofSeconds(2);

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (rateLimitPerSecond < 1) {
            throw new IllegalArgumentException("rateLimitPerSecond must be at least 1, was " + rateLimitPerSecond);
        }
        Objects.requireNonNull(rebuildQuietPeriod, "rebuildQuietPeriod");
        if (rebuildQuietPeriod.isNegative()) {
            throw new IllegalArgumentException("rebuildQuietPeriod must not be negative, was " + rebuildQuietPeriod);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /** Ephemeral port, 100 requests/s, 2 s quiet period, delta routes and legacy statuses on, Retry-After on, UTC system clock. */
    public static SandboxOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private int port = 0;
        private int rateLimitPerSecond = DEFAULT_RATE_LIMIT_PER_SECOND;
        private Duration rebuildQuietPeriod = DEFAULT_REBUILD_QUIET_PERIOD;
        private boolean deltaRoutesEnabled = true;
        private boolean legacyStatusesAccepted = true;
        private boolean retryAfterOnRateLimit = true;
        private Clock clock = Clock.systemUTC();
        private boolean autoMapNewAccountsAndServices;

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder rateLimitPerSecond(int rateLimitPerSecond) {
            this.rateLimitPerSecond = rateLimitPerSecond;
            return this;
        }

        public Builder rebuildQuietPeriod(Duration rebuildQuietPeriod) {
            this.rebuildQuietPeriod = rebuildQuietPeriod;
            return this;
        }

        public Builder deltaRoutesEnabled(boolean deltaRoutesEnabled) {
            this.deltaRoutesEnabled = deltaRoutesEnabled;
            return this;
        }

        public Builder legacyStatusesAccepted(boolean legacyStatusesAccepted) {
            this.legacyStatusesAccepted = legacyStatusesAccepted;
            return this;
        }

        public Builder retryAfterOnRateLimit(boolean retryAfterOnRateLimit) {
            this.retryAfterOnRateLimit = retryAfterOnRateLimit;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder autoMapNewAccountsAndServices(boolean autoMapNewAccountsAndServices) {
            this.autoMapNewAccountsAndServices = autoMapNewAccountsAndServices;
            return this;
        }

        public SandboxOptions build() {
            return new SandboxOptions(port, rateLimitPerSecond, rebuildQuietPeriod, deltaRoutesEnabled,
                    legacyStatusesAccepted, retryAfterOnRateLimit, clock, autoMapNewAccountsAndServices);
        }
    }
}
