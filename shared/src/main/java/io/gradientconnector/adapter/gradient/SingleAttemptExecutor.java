package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.RateBudget;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * One attempt: take a permit of the request's {@link RateScope} from the {@link RateBudget}, send at once, and turn
 * anything but a 2xx into a typed exception. A 429 makes the whole budget of that scope back off for its
 * {@code Retry-After} (capped by the retry policy; {@value #DEFAULT_BACK_OFF_MS} ms without one), in every
 * container. With metrics, every permit counts {@code gradientCalls}, every permit the budget made the caller wait
 * for counts {@code rateLimitWaits} (their ratio is how saturated the budget is) and every back-off counts
 * {@code rateBudgetBackOffs}. Thread-safe.
 */
final class SingleAttemptExecutor implements RequestExecutor {
    static final long DEFAULT_BACK_OFF_MS = 1_000;

    private final URI baseUri;
    private final Transport transport;
    private final RateBudget budget;
    private final RateScope scope;
    private final GradientClientOptions options;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Metrics metrics;

    SingleAttemptExecutor(URI baseUri, Transport transport, RateBudget budget, GradientClientOptions options,
                          Clock clock, ObjectMapper mapper) {
        this(baseUri, transport, budget, options, clock, mapper, null);
    }

    /** @param metrics where permits and waits are counted; null for none */
    SingleAttemptExecutor(URI baseUri, Transport transport, RateBudget budget, GradientClientOptions options,
                          Clock clock, ObjectMapper mapper, Metrics metrics) {
        this.metrics = metrics;
        this.baseUri = baseUri;
        this.transport = transport;
        this.budget = budget;
        this.scope = options.rateScope();
        this.options = options;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public Transport.Response execute(GradientRequest request, Instant deadline) {
        String route = request.route();
        String budgetScope = scope.nameFor(request.credentials());
        try {
            Optional<Duration> permit;
            try {
                permit = budget.acquire(budgetScope,
                        deadline == null ? null : Duration.between(clock.instant(), deadline));
            } catch (RuntimeException unavailable) {
                // The shared budget's store failed: nothing was sent, so trying again later is safe.
                throw GradientConnectionException.beforeSending(route, "rate budget unavailable ("
                        + unavailable.getClass().getSimpleName() + ")", true, unavailable);
            }
            if (permit.isEmpty()) {
                throw GradientConnectionException.beforeSending(route, "no rate-budget permit before the deadline", false,
                        null);
            }
            Duration waited = permit.get();
            if (metrics != null) {
                metrics.count(Metric.GRADIENT_CALLS);
                if (!waited.isZero()) {
                    metrics.count(Metric.RATE_LIMIT_WAITS);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw GradientConnectionException.beforeSending(route, "interrupted while waiting for the rate budget", false,
                    interrupted);
        }
        Duration timeout = options.requestTimeout();
        if (deadline != null) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                throw new GradientConnectionException(route, "deadline reached before the call was sent", false, null);
            }
            timeout = remaining.compareTo(timeout) < 0 ? remaining : timeout;
        }
        Transport.Response response;
        try {
            response = transport.send(new Transport.Request(request.method(),
                    UriTemplates.expand(baseUri, request.pathTemplate(), request.pathValues(), request.query()),
                    headers(request), request.body(), timeout));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new GradientConnectionException(route, "interrupted", false, interrupted);
        } catch (IOException failure) {
            throw connectionFailure(route, failure);
        }
        int status = response.status();
        if (status >= 200 && status <= 299) {
            return response;
        }
        String message = Redaction.scrub(GradientJson.errorMessage(mapper, response.body()), request.credentials());
        Optional<Duration> retryAfter = status == 429 ? RetryAfter.parse(response.header("Retry-After"), clock)
                : Optional.empty();
        if (status == 429) {
            backOff(budgetScope, retryAfter);
        }
        throw GradientException.forStatus(status, route, message, retryAfter);
    }

    /** Gradient counted more than we thought: every container of the scope pauses, not just this retry. */
    private void backOff(String budgetScope, Optional<Duration> retryAfter) {
        Duration pause = retryAfter.orElse(Duration.ofMillis(DEFAULT_BACK_OFF_MS));
        Duration cap = options.retry().maxRetryAfter();
        if (pause.compareTo(cap) > 0) {
            pause = cap;
        }
        try {
            budget.backOff(budgetScope, pause);
            if (metrics != null) {
                metrics.count(Metric.RATE_BUDGET_BACK_OFFS);
            }
        } catch (RuntimeException unavailable) {
            // The retry still waits its Retry-After; only the other containers miss the hint.
        }
    }

    /** The connector's own id of an audited count push (Gradient's contract has no request-id header). */
    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private Map<String, String> headers(GradientRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("GRADIENT-TOKEN", request.credentials().token());
        headers.put("Accept", "application/json");
        headers.put("User-Agent", options.userAgent());
        if (request.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        if (request.correlationId() != null) {
            headers.put(CORRELATION_HEADER, request.correlationId());
        }
        return headers;
    }

    /** Which failures may succeed if repeated: refused, reset, timed out yes; unknown host, TLS no. */
    static GradientConnectionException connectionFailure(String route, IOException failure) {
        if (hasCause(failure, UnknownHostException.class) || hasCause(failure, UnresolvedAddressException.class)) {
            return new GradientConnectionException(route, "unknown host", false, failure);
        }
        if (hasCause(failure, SSLHandshakeException.class)) {
            return new GradientConnectionException(route, "TLS handshake failed", false, failure);
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return new GradientConnectionException(route, "connect timed out", true, failure);
        }
        if (failure instanceof HttpTimeoutException) {
            return new GradientConnectionException(route, "request timed out", true, failure);
        }
        if (hasCause(failure, ConnectException.class)) {
            return new GradientConnectionException(route, "connection refused", true, failure);
        }
        if (failure instanceof InterruptedIOException) {
            return new GradientConnectionException(route, "I/O interrupted", true, failure);
        }
        return new GradientConnectionException(route, "connection closed or reset (" + failure.getClass().getSimpleName() + ")",
                true, failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
