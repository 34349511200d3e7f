package io.gradientconnector.adapter.gradient;

import java.time.Duration;
import java.util.Objects;

/**
 * Every tunable of the client, with its default, in one place.
 *
 * @param requestTimeout    per attempt, from sending to the whole response (default 10 s)
 * @param connectTimeout    TCP/TLS connect (default 3 s)
 * @param requestsPerSecond the rate of the process-local token bucket a client built without a shared
 *                          {@link io.gradientconnector.port.RateBudget} uses (default 100, Gradient's documented limit)
 * @param rateScope         which requests share one budget (default {@link RateScope#VENDOR_KEY})
 * @param retry             retry policy (default {@link RetryPolicy#defaults()})
 * @param accountChunkSize  items per bulk-create request for accounts and organization services (default 100)
 * @param addCountPath      add-to-unit-count route, UNCONFIRMED upstream; must contain {@code {serviceId}}
 * @param subtractCountPath subtract-from-unit-count route, UNCONFIRMED upstream; must contain {@code {serviceId}}
 * @param userAgent         {@code User-Agent} header
 */
public record GradientClientOptions(Duration requestTimeout, Duration connectTimeout, double requestsPerSecond,
                                    RetryPolicy retry, int accountChunkSize, String addCountPath,
                                    String subtractCountPath, String userAgent, RateScope rateScope) {

    public static final String DEFAULT_ADD_COUNT_PATH = "/api/vendor-api/service/{serviceId}/count/add";
    public static final String DEFAULT_SUBTRACT_COUNT_PATH = "/api/vendor-api/service/{serviceId}/count/subtract";
    public static final String DEFAULT_USER_AGENT = "gradient-connector/1.0";

    public GradientClientOptions {
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, was " + requestsPerSecond);
        }
        Objects.requireNonNull(retry, "retry");
        if (accountChunkSize < 1 || accountChunkSize > 1000) {
            throw new IllegalArgumentException("accountChunkSize must be 1..1000, was " + accountChunkSize);
        }
        requireCountPath(addCountPath, "addCountPath");
        requireCountPath(subtractCountPath, "subtractCountPath");
        Objects.requireNonNull(rateScope, "rateScope");
        if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("userAgent must be non-blank text without control characters");
        }
    }

    public static GradientClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .requestTimeout(requestTimeout).connectTimeout(connectTimeout).requestsPerSecond(requestsPerSecond)
                .retry(retry).accountChunkSize(accountChunkSize).addCountPath(addCountPath)
                .subtractCountPath(subtractCountPath).userAgent(userAgent).rateScope(rateScope);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void requireCountPath(String path, String name) {
        if (path == null || !path.startsWith("/") || !path.contains("{serviceId}")
                || path.chars().anyMatch(c -> c == '?' || c == '#' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException(name + " must be an absolute path containing {serviceId}, was " + path);
        }
    }

    /** Starts from the defaults; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private double requestsPerSecond = 100;
        private RetryPolicy retry = RetryPolicy.defaults();
        private int accountChunkSize = 100;
        private String addCountPath = DEFAULT_ADD_COUNT_PATH;
        private String subtractCountPath = DEFAULT_SUBTRACT_COUNT_PATH;
        private String userAgent = DEFAULT_USER_AGENT;
        private RateScope rateScope = RateScope.VENDOR_KEY;

        private Builder() {
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestsPerSecond(double value) {
            this.requestsPerSecond = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        public Builder accountChunkSize(int value) {
            this.accountChunkSize = value;
            return this;
        }

        public Builder addCountPath(String value) {
            this.addCountPath = value;
            return this;
        }

        public Builder subtractCountPath(String value) {
            this.subtractCountPath = value;
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        public Builder rateScope(RateScope value) {
            this.rateScope = value;
            return this;
        }

        public GradientClientOptions build() {
            return new GradientClientOptions(requestTimeout, connectTimeout, requestsPerSecond, retry,
                    accountChunkSize, addCountPath, subtractCountPath, userAgent, rateScope);
        }
    }
}
