package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.BadRequestException;
import io.gradientconnector.port.gradient.ConflictException;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.UnauthorizedException;

import io.gradientconnector.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.testing.RecordingLogger;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retries, backoff, Retry-After, deadlines and the limiter, through the public client with a fake transport. */
class RetryingExecutorTest {
    private static final GradientCredentials KEYS = new GradientCredentials("vendor-key-123", "partner-key-456");
    private static final String OK_INTEGRATION = "{\"organizationId\":\"o1\",\"status\":\"active\"}";
    private static final Instant T0 = Instant.parse("2024-06-01T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final RecordingSleeper limiterSleeper = new RecordingSleeper(null);
    private final FakeTransport transport = new FakeTransport();
    private final RecordingLogger logger = new RecordingLogger();

    private HttpPartnerSession session(RetryPolicy policy, RateLimiter limiter) {
        return GradientClient.builder().baseUri("https://gradient.test")
                .options(GradientClientOptions.builder().retry(policy).build())
                .transport(transport).clock(clock).sleeper(sleeper).random(new FixedRandom(0.0)).logger(logger)
                .rateLimiter(limiter).build().httpSession(KEYS);
    }

    private HttpPartnerSession session() {
        return session(RetryPolicy.defaults(), new RateLimiter(1000, 1000, clock, limiterSleeper));
    }

    @Test
    void execute_shouldBackOffExponentially_whenServerErrorsThenSucceeds() {
        transport.respond(503, "{\"statusCode\":503,\"message\":\"down\"}")
                .respond(500, "")
                .respond(502, "<html>bad gateway</html>")
                .respond(200, OK_INTEGRATION);
        assertEquals("o1", session().getIntegration().organizationId());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), sleeper.sleeps());
        assertEquals(4, transport.requests().size());
    }

    @Test
    void execute_shouldThrowLastError_whenAttemptsRunOut() {
        for (int i = 0; i < 4; i++) {
            transport.respond(503, "{\"message\":\"down " + i + "\"}");
        }
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> session().getVendor());
        assertEquals("down 3", e.gradientMessage());
        assertEquals(3, sleeper.sleeps().size());
        assertEquals(4, transport.requests().size());
    }

    @Test
    void execute_shouldNotRetry_whenClientErrorsOccur() {
        transport.respond(400, "{}").respond(401, "{}").respond(403, "{}").respond(409, "{}");
        PartnerSession session = session();
        assertThrows(BadRequestException.class, session::getVendor);
        assertThrows(UnauthorizedException.class, session::getVendor);
        assertThrows(ForbiddenException.class, session::getVendor);
        assertThrows(ConflictException.class, session::getVendor);
        assertEquals(List.of(), sleeper.sleeps());
        assertEquals(4, transport.requests().size());
    }

    @Test
    void execute_shouldWaitRetryAfterSeconds_whenRateLimited() {
        transport.respond(429, "{\"statusCode\":429,\"message\":\"Request limit reached (100 requests a second)\"}",
                        "Retry-After", "3")
                .respond(200, OK_INTEGRATION);
        session().getIntegration();
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps());
    }

    @Test
    void execute_shouldWaitUntilRetryAfterDate_whenRateLimitedWithHttpDate() {
        transport.respond(429, "{}", "retry-after", "Sat, 01 Jun 2024 08:00:02 GMT").respond(200, OK_INTEGRATION);
        session().getIntegration();
        assertEquals(List.of(Duration.ofSeconds(2)), sleeper.sleeps());
    }

    @Test
    void execute_shouldCapRetryAfter_whenServerAsksForMinutes() {
        transport.respond(429, "{}", "Retry-After", "600").respond(200, OK_INTEGRATION);
        session().getIntegration();
        assertEquals(List.of(Duration.ofSeconds(10)), sleeper.sleeps());
    }

    @Test
    void execute_shouldUseBackoff_whenRateLimitedWithoutRetryAfter() {
        transport.respond(429, "{}").respond(200, OK_INTEGRATION);
        session().getIntegration();
        assertEquals(List.of(Duration.ofMillis(100)), sleeper.sleeps());
    }

    @Test
    void execute_shouldStopBeforeDeadline_whenNextDelayWouldCrossIt() {
        transport.respond(503, "{\"message\":\"first\"}").respond(503, "{\"message\":\"second\"}");
        PartnerSession bounded = session().withDeadline(T0.plusMillis(250));
        ServerErrorException e = assertThrows(ServerErrorException.class, bounded::getIntegration);
        assertEquals("second", e.gradientMessage());
        // slept 100 ms; the next 200 ms would have ended at T0+300 > deadline
        assertEquals(List.of(Duration.ofMillis(100)), sleeper.sleeps());
        assertEquals(2, transport.requests().size());
        // the second attempt's timeout was cut to the 150 ms left
        assertEquals(Duration.ofMillis(150), transport.requests().get(1).timeout());
        assertEquals(Duration.ofMillis(250), transport.requests().get(0).timeout());
    }

    @Test
    void execute_shouldNotRetryAtAll_whenRetryAfterExceedsRemainingTime() {
        transport.respond(429, "{}", "Retry-After", "5");
        PartnerSession bounded = session().withDeadline(T0.plusSeconds(4));
        RateLimitedException e = assertThrows(RateLimitedException.class, bounded::getIntegration);
        assertEquals(Duration.ofSeconds(5), e.retryAfter().orElseThrow());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void execute_shouldFailWithoutSending_whenDeadlineAlreadyPassed() {
        PartnerSession late = session().withDeadline(T0.minusSeconds(1));
        GradientConnectionException e = assertThrows(GradientConnectionException.class, late::getIntegration);
        assertFalse(e.retryable());
        assertEquals(List.of(), transport.requests());
    }

    @Test
    void execute_shouldSendExactlyOnce_whenPolicyIsNone() {
        transport.respond(200, OK_INTEGRATION).respond(503, "{}");
        PartnerSession once = session(RetryPolicy.none(), new RateLimiter(1000, 1000, clock, limiterSleeper));
        assertEquals("o1", once.getIntegration().organizationId());
        assertEquals(Duration.ofSeconds(10), transport.requests().get(0).timeout());
        assertThrows(ServerErrorException.class, once::getIntegration);
        assertEquals(2, transport.requests().size());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void execute_shouldRespectMaxElapsed_whenNoSessionDeadline() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            transport.respond(500, "{}");
        }
        assertThrows(ServerErrorException.class,
                () -> session(policy, new RateLimiter(1000, 1000, clock, limiterSleeper)).getVendor());
        // delays are 0.5 s each (jitter 0.5): 0.5, 1.0, 1.5 fit before T0+2 s, 2.0 does not
        assertEquals(3, sleeper.sleeps().size());
    }

    @Test
    void execute_shouldRetryRetryableConnectionFailures_whenTransportFails() {
        transport.fail(new ConnectException("Connection refused"))
                .fail(new IOException("Connection reset"))
                .fail(new HttpTimeoutException("request timed out"))
                .respond(200, OK_INTEGRATION);
        session().getIntegration();
        assertEquals(3, sleeper.sleeps().size());
    }

    @Test
    void execute_shouldNotRetry_whenHostUnknown() {
        transport.fail(new ConnectException("x") {{ initCause(new UnknownHostException("gradient.test")); }});
        GradientConnectionException e = assertThrows(GradientConnectionException.class, () -> session().getVendor());
        assertFalse(e.retryable());
        assertEquals("GET /api/vendor-api (connection failed: unknown host; not retryable)", e.getMessage());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void connectionFailure_shouldClassifyTimeouts_whenTransportTimesOut() {
        GradientConnectionException connect = SingleAttemptExecutor.connectionFailure("GET /x",
                new HttpConnectTimeoutException("connect timed out"));
        assertTrue(connect.retryable());
        assertEquals("GET /x (connection failed: connect timed out; retryable)", connect.getMessage());
        assertTrue(SingleAttemptExecutor.connectionFailure("GET /x", new HttpTimeoutException("t")).getMessage()
                .contains("request timed out; retryable"));
    }

    @Test
    void execute_shouldAcquireRateLimiterBeforeEveryAttempt_whenRetrying() {
        RateLimiter onePerSecond = RateLimiter.create(1, clock, limiterSleeper);
        transport.respond(503, "{}").respond(503, "{}").respond(200, OK_INTEGRATION);
        session(RetryPolicy.defaults(), onePerSecond).getIntegration();
        // attempt 1 at T0 (free); attempt 2 at T0+100ms waits to T0+1s; attempt 3 at T0+300ms waits to T0+2s
        assertEquals(List.of(Duration.ofMillis(900), Duration.ofMillis(1700)), limiterSleeper.sleeps());
    }

    @Test
    void countPush_shouldRetryAndStillReportNotMapped_when503Then404() {
        transport.respond(503, "{}").respond(404, "{\"statusCode\":404,\"message\":\"No account map found with id: a\"}");
        assertEquals(new CountOutcome.NotMapped("No account map found with id: a"),
                session().setUnitCount("s1", "a", BigDecimal.ONE, false));
        assertEquals(2, transport.requests().size());
    }

    @Test
    void logger_shouldNeverSeeKeys_whenRetryingAndFailing() {
        transport.respond(503, "{\"message\":\"echo " + KEYS.token() + "\"}")
                .respond(401, "{\"message\":\"partner-key-456 is wrong\"}");
        assertThrows(UnauthorizedException.class, () -> session().getIntegration());
        List<String> lines = logger.lines();
        assertTrue(lines.stream().anyMatch(l -> l.contains("retrying in 100 ms")), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains(KEYS.token()), line);
            assertFalse(line.contains("vendor-key-123"), line);
            assertFalse(line.contains("partner-key-456"), line);
        }
    }
}
