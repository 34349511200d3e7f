package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.observability.Metric;
import io.gradientconnector.observability.Metrics;

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
import javax.net.ssl.SSLHandshakeException;

/**
 * One attempt: take a rate-limiter permit, send, and turn anything but a 2xx into a typed
 * exception. With metrics, every permit counts {@code gradientCalls} and every permit the bucket
 * made the caller wait for counts {@code rateLimitWaits} (their ratio is how saturated the worker's
 * share of the rate budget is). Thread-safe.
 */
final class SingleAttemptExecutor implements RequestExecutor {
    private final URI baseUri;
    private final Transport transport;
    private final RateLimiter rateLimiter;
    private final GradientClientOptions options;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Metrics metrics;

    SingleAttemptExecutor(URI baseUri, Transport transport, RateLimiter rateLimiter, GradientClientOptions options,
                          Clock clock, ObjectMapper mapper) {
        this(baseUri, transport, rateLimiter, options, clock, mapper, null);
    }

    /** @param metrics where permits and waits are counted; null for none */
    SingleAttemptExecutor(URI baseUri, Transport transport, RateLimiter rateLimiter, GradientClientOptions options,
                          Clock clock, ObjectMapper mapper, Metrics metrics) {
        this.metrics = metrics;
        this.baseUri = baseUri;
        this.transport = transport;
        this.rateLimiter = rateLimiter;
        this.options = options;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public Transport.Response execute(GradientRequest request, Instant deadline) {
        String route = request.route();
        try {
            Duration waited = rateLimiter.acquire();
            if (metrics != null) {
                metrics.count(Metric.GRADIENT_CALLS);
                if (!waited.isZero()) {
                    metrics.count(Metric.RATE_LIMIT_WAITS);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new GradientConnectionException(route, "interrupted while waiting for the rate limiter", false, interrupted);
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
        throw GradientException.forStatus(status, route, message,
                status == 429 ? RetryAfter.parse(response.header("Retry-After"), clock) : java.util.Optional.empty());
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
