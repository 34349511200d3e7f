package io.gradientconnector.adapter.gradient;

import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.CreateServiceRequest;
import io.gradientconnector.port.gradient.ForbiddenException;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.Integration;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.NewAccount;
import io.gradientconnector.port.gradient.RateLimitedException;
import io.gradientconnector.port.gradient.ServerErrorException;
import io.gradientconnector.port.gradient.ServiceCategory;
import io.gradientconnector.port.gradient.ServiceSubcategory;

import io.gradientconnector.testing.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.sandbox.ConfigUpdate;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.GradientSandbox;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.SandboxControl;
import io.gradientconnector.sandbox.SandboxOptions;
import io.gradientconnector.sandbox.ScriptedFault;
import io.gradientconnector.testing.RecordingLogger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, dropped connections, timeouts, deadlines and the rate limiter against the sandbox. */
class GradientClientResilienceIT {
    private static GradientSandbox sandbox;
    private static SandboxControl control;

    private final RecordingLogger logger = new RecordingLogger();
    private final RecordingSleeper sleeper = new RecordingSleeper(null);
    private final List<String> messages = new ArrayList<>();
    private SandboxPartner partner;

    @BeforeAll
    static void startSandbox() {
        // Limit far above what these tests send; the rate-limit tests lower it through the config route.
        sandbox = GradientSandbox.start(SandboxOptions.builder().rateLimitPerSecond(100_000).build());
        control = new SandboxControl(sandbox.baseUri());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void freshPartner() {
        control.reset();
        partner = SandboxPartner.create(control, "pending", List.of("Fabrikam"));
    }

    @AfterEach
    void noSecretLeaked() {
        List<String> texts = new ArrayList<>(messages);
        texts.addAll(logger.lines());
        for (String text : texts) {
            for (String secret : partner.secrets()) {
                assertFalse(text.contains(secret), "secret leaked into: " + text);
            }
        }
    }

    private GradientClient.Builder builder(GradientClientOptions options) {
        return GradientClient.builder().baseUri(sandbox.baseUri()).options(options).logger(logger).sleeper(sleeper)
                .random(new FixedRandom(0)).rateLimiter(GradientClientRoutesIT.unlimited());
    }

    private PartnerSession session() {
        return builder(GradientClientOptions.defaults()).build().session(partner.credentials());
    }

    private static void script(ScriptedFault... faults) {
        control.faults(FaultPlan.builder().next(faults).build());
    }

    private List<RecordedRequest> apiRequests() {
        return control.requests().stream().filter(r -> r.path().startsWith("/api/")).toList();
    }

    @Test
    void retry_shouldBackOffOnServerErrorsAndHonourRetryAfter_whenFaultsAreScripted() {
        PartnerSession session = session();
        control.clearRequests();
        script(ScriptedFault.serverError(503), ScriptedFault.serverError(500), ScriptedFault.rateLimited(2));
        Integration integration = session.getIntegration();
        assertEquals(IntegrationStatus.PENDING, integration.status());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2)), sleeper.sleeps());
        assertEquals(List.of(503, 500, 429, 200), apiRequests().stream().map(RecordedRequest::status).toList());
        assertTrue(logger.lines().stream().anyMatch(l -> l.contains("retrying in 2000 ms")), logger.lines().toString());
    }

    @Test
    void retry_shouldCapRetryAfter_whenSandboxAsksTooLong() {
        PartnerSession session = builder(GradientClientOptions.builder()
                .retry(new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(3),
                        Duration.ofSeconds(30))).build()).build().session(partner.credentials());
        script(ScriptedFault.rateLimited(60));
        session.getVendor();
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps());
    }

    @Test
    void rateLimited_shouldCarryRetryAfter_whenRetriesRunOut() {
        PartnerSession session = builder(GradientClientOptions.builder().retry(RetryPolicy.none()).build()).build()
                .session(partner.credentials());
        script(ScriptedFault.rateLimited(4));
        RateLimitedException e = assertThrows(RateLimitedException.class, session::getIntegration);
        messages.add(e.getMessage());
        assertEquals(Duration.ofSeconds(4), e.retryAfter().orElseThrow());
        assertEquals(429, e.status());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void forbidden_shouldThrowWithoutRetrying_whenGradientFlagsAnomaly() {
        script(ScriptedFault.forbidden());
        ForbiddenException e = assertThrows(ForbiddenException.class, session()::getVendor);
        messages.add(e.getMessage());
        assertEquals(403, e.status());
        assertTrue(e.gradientMessage().contains("anomaly"), e.gradientMessage());
        assertEquals(List.of(), sleeper.sleeps());
    }

    @Test
    void serverError_shouldSurfaceAfterMaxAttempts_whenSandboxKeepsFailing() {
        script(ScriptedFault.serverError(502), ScriptedFault.serverError(502), ScriptedFault.serverError(502),
                ScriptedFault.serverError(502));
        ServerErrorException e = assertThrows(ServerErrorException.class, session()::getVendor);
        messages.add(e.getMessage());
        assertEquals(502, e.status());
        assertEquals(3, sleeper.sleeps().size());
    }

    @Test
    void droppedConnection_shouldBeRetried_whenSandboxClosesWithoutAnswer() {
        PartnerSession session = session();
        session.getIntegration(); // warm connection
        control.clearRequests();
        script(ScriptedFault.drop());
        String skuId = session.createService(CreateServiceRequest.of("Backup", "d", ServiceCategory.BACKUP,
                ServiceSubcategory.CLOUD_BACKUP)).skuNamed("Backup").orElseThrow().id();
        assertFalse(skuId.isBlank());
        List<RecordedRequest> requests = apiRequests();
        assertEquals("drop", requests.get(0).fault());
        assertEquals(201, requests.get(requests.size() - 1).status());
        assertEquals(List.of(Duration.ofMillis(100)), sleeper.sleeps());
    }

    @Test
    void droppedConnection_shouldSayRetryable_whenRetriesAreOff() {
        PartnerSession session = builder(GradientClientOptions.builder().retry(RetryPolicy.none()).build()).build()
                .session(partner.credentials());
        script(ScriptedFault.drop(), ScriptedFault.drop());
        GradientConnectionException e = assertThrows(GradientConnectionException.class, session::getVendor);
        messages.add(e.getMessage());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("GET /api/vendor-api (connection failed: "), e.getMessage());
    }

    @Test
    void slowAnswer_shouldTimeOutAsRetryable_whenSlowerThanRequestTimeout() {
        PartnerSession session = builder(GradientClientOptions.builder().requestTimeout(Duration.ofMillis(300))
                .retry(RetryPolicy.none()).build()).build().session(partner.credentials());
        script(ScriptedFault.slow(3000));
        GradientConnectionException e = assertThrows(GradientConnectionException.class, session::getIntegration);
        messages.add(e.getMessage());
        assertTrue(e.retryable());
        assertEquals("GET /api/vendor-api/organization (connection failed: request timed out; retryable)", e.getMessage());
    }

    @Test
    void deadline_shouldStopRetrying_whenNextDelayWouldCrossIt() {
        MutableClock clock = new MutableClock(Instant.now());
        RecordingSleeper advancing = new RecordingSleeper(clock);
        PartnerSession session = GradientClient.builder().baseUri(sandbox.baseUri()).logger(logger).clock(clock)
                .sleeper(advancing).random(new FixedRandom(0)).rateLimiter(GradientClientRoutesIT.unlimited())
                .options(GradientClientOptions.builder().retry(new RetryPolicy(5, Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))).build())
                .build().session(partner.credentials(), clock.instant().plusMillis(1200));
        script(ScriptedFault.serverError(503), ScriptedFault.serverError(504), ScriptedFault.serverError(503));
        ServerErrorException e = assertThrows(ServerErrorException.class, session::getVendor);
        messages.add(e.getMessage());
        assertEquals(504, e.status());
        assertEquals(List.of(Duration.ofMillis(500)), advancing.sleeps()); // the next 1 s would end past 1.2 s
        assertEquals(2, apiRequests().size());
    }

    @Test
    void sandboxRateLimit_shouldBeRetriedWithItsRetryAfter_whenClientLimiterIsTooGenerous() {
        control.config(ConfigUpdate.builder().rateLimitPerSecond(1).retryAfterOnRateLimit(true).build());
        PartnerSession session = builder(GradientClientOptions.builder().retry(RetryPolicy.none()).build()).build()
                .session(partner.credentials());
        session.getIntegration();
        RateLimitedException e = assertThrows(RateLimitedException.class, session::getIntegration);
        messages.add(e.getMessage());
        assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
    }

    @Test
    void rateLimiter_shouldKeepBurstUnderSandboxLimit_whenManyConcurrentCalls() throws Exception {
        // The one test on the real clock and sleeper: 300 pushes from 8 threads through a 40/s limiter against a
        // 50/s sliding window, with retries off so any 429 would fail a call. The margin absorbs the jitter
        // between leaving the limiter and arriving at the sandbox.
        control.config(ConfigUpdate.builder().rateLimitPerSecond(50).build());
        PartnerSession setup = session();
        String skuId = setup.createService(CreateServiceRequest.of("Backup", "d", ServiceCategory.BACKUP,
                ServiceSubcategory.CLOUD_BACKUP)).skuNamed("Backup").orElseThrow().id();
        setup.createAccounts(List.of(NewAccount.of("a1", "A1")));
        control.mapAccount(partner.integrationId(), "a1");
        control.mapService(partner.integrationId(), skuId);

        PartnerSession session = GradientClient.builder().baseUri(sandbox.baseUri()).logger(logger)
                .clock(Clock.systemUTC()).sleeper(Sleeper.SYSTEM)
                .options(GradientClientOptions.builder().requestsPerSecond(40).retry(RetryPolicy.none()).build())
                .build().session(partner.credentials());
        Thread.sleep(1100); // let the sandbox's one-second window forget the setup calls
        control.clearRequests();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<CountOutcome>> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                BigDecimal count = BigDecimal.valueOf(i);
                results.add(pool.submit(() -> session.setUnitCount(skuId, "a1", count, true)));
            }
            for (Future<CountOutcome> result : results) {
                try {
                    assertEquals(new CountOutcome.Applied(201), result.get());
                } catch (ExecutionException failed) {
                    failures.add(failed.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        List<RecordedRequest> requests = apiRequests();
        assertEquals(List.of(), failures.stream().map(Throwable::getMessage).distinct().toList(),
                "busiest second held " + busiestSecond(requests) + " requests");
        assertEquals(300, requests.size());
        assertEquals(0, requests.stream().filter(r -> r.status() == 429).count());
    }

    /** Most requests whose arrival falls inside any half-open one-second window. */
    private static int busiestSecond(List<RecordedRequest> requests) {
        List<Instant> arrivals = requests.stream().map(RecordedRequest::at).sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < arrivals.size(); last++) {
            while (!arrivals.get(first).isAfter(arrivals.get(last).minusSeconds(1))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
