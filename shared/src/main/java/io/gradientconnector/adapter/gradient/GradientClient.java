package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.Gradient;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.RateBudget;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * {@link Gradient} over HTTP: the entry point to Gradient's vendor API. Build one per process (cold start matters): it owns the one
 * {@link java.net.http.HttpClient}, the {@link RateBudget} every attempt takes a permit from, and the JSON
 * mapper. {@link #session(GradientCredentials, Instant)} gives a cheap per-partner view.
 *
 * <p>Thread-safe.
 */
public final class GradientClient implements Gradient {
    private final URI baseUri;
    private final GradientClientOptions options;
    private final RequestExecutor executor;
    /** One attempt, no retry: for calls a blind repeat could duplicate (an alert dispatch). */
    private final RequestExecutor singleAttempt;
    private final ObjectMapper mapper;

    private GradientClient(Builder builder) {
        this.baseUri = builder.baseUri;
        this.options = builder.options;
        this.mapper = GradientJson.newMapper();
        Transport transport = builder.transport != null ? builder.transport : new JdkHttpTransport(options.connectTimeout());
        RateBudget budget = builder.rateBudget != null
                ? builder.rateBudget
                : RateLimiter.create(options.requestsPerSecond(), builder.clock, builder.sleeper);
        RequestExecutor once = new SingleAttemptExecutor(baseUri, transport, budget, options, builder.clock, mapper,
                builder.metrics);
        this.singleAttempt = once;
        this.executor = new RetryingExecutor(once, options.retry(), builder.sleeper, builder.clock, builder.random,
                builder.logger);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PartnerSession session(GradientCredentials credentials, Instant deadline) {
        return httpSession(credentials).withDeadline(deadline);
    }

    /** The calls of one partner with no deadline (their retries are still bounded by the retry policy). */
    public PartnerSession session(GradientCredentials credentials) {
        return httpSession(credentials);
    }

    @Override
    public int accountChunkSize() {
        return options.accountChunkSize();
    }

    HttpPartnerSession httpSession(GradientCredentials credentials) {
        return new HttpPartnerSession(executor, singleAttempt, mapper, options,
                Objects.requireNonNull(credentials, "credentials"), null);
    }

    public URI baseUri() {
        return baseUri;
    }

    public GradientClientOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "GradientClient[" + baseUri + "]";
    }

    /** {@link #build()} requires {@code baseUri}; everything else has a default. Not thread-safe. */
    public static final class Builder {
        private URI baseUri;
        private GradientClientOptions options = GradientClientOptions.defaults();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private System.Logger logger = System.getLogger("io.gradientconnector.gradient");
        private RandomGenerator random = new Random();
        private Transport transport;
        private RateBudget rateBudget;
        private Metrics metrics;

        private Builder() {
        }

        /** Optional: counts {@code gradientCalls} and {@code rateLimitWaits} (calls the token bucket delayed). */
        public Builder metrics(Metrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** The host root, e.g. {@code https://app.usegradient.com}; the client adds {@code /api/vendor-api}. */
        public Builder baseUri(URI value) {
            this.baseUri = value;
            return this;
        }

        public Builder baseUri(String value) {
            return baseUri(URI.create(Objects.requireNonNull(value, "baseUri")));
        }

        public Builder options(GradientClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Used for retry waits and rate-limiter waits. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Receives retry and outcome lines: route templates, statuses, Gradient messages; never keys. */
        public Builder logger(System.Logger value) {
            this.logger = Objects.requireNonNull(value, "logger");
            return this;
        }

        /**
         * The budget every attempt takes a permit from: deployed functions pass the one shared across containers;
         * default: a process-local token bucket at {@link GradientClientOptions#requestsPerSecond()}.
         */
        public Builder rateBudget(RateBudget value) {
            this.rateBudget = Objects.requireNonNull(value, "rateBudget");
            return this;
        }

        /** Share one process-local limiter between several clients (e.g. tests). */
        public Builder rateLimiter(RateLimiter value) {
            return rateBudget(Objects.requireNonNull(value, "rateLimiter"));
        }

        /** Jitter source; must be thread-safe (the composition root passes one it re-seeds after a restore). */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        public GradientClient build() {
            if (baseUri == null) {
                throw new IllegalArgumentException("baseUri is required");
            }
            String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || baseUri.getHost() == null) {
                throw new IllegalArgumentException("baseUri must be an absolute http(s) URI, was " + baseUri);
            }
            if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null || baseUri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("baseUri must not carry user info, a query or a fragment");
            }
            String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath().replaceAll("/+$", "");
            if (path.endsWith("/api") || path.endsWith("/api/vendor-api")) {
                throw new IllegalArgumentException("baseUri must be the host root (the client adds /api/vendor-api), was "
                        + baseUri);
            }
            return new GradientClient(this);
        }
    }
}
