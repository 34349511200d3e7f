package io.gradientconnector.adapter.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.port.RateBudget;
import io.gradientconnector.port.gradient.GradientConnectionException;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.RecordingLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the client uses the rate budget beneath the port: a permit of the request's scope before every attempt
 * (retries included), a back-off of the scope on a 429, no send without a permit, and scope names that never carry a
 * key.
 */
class RateBudgetUseTest {
    private static final String ORGANIZATION = "{\"organizationId\":\"o1\",\"name\":\"MSP\",\"vendorId\":\"v1\","
            + "\"vendorName\":\"V\",\"integrationId\":\"i1\",\"status\":\"pending\","
            + "\"lastSyncedAt\":\"1900-01-01T00:00:00.000Z\"}";

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");

    /** Grants or refuses as told, and notes every call. */
    static final class RecordingBudget implements RateBudget {
        final List<String> permits = Collections.synchronizedList(new ArrayList<>());
        final List<String> backOffs = Collections.synchronizedList(new ArrayList<>());
        volatile boolean refuse;

        @Override
        public Optional<Duration> acquire(String scope, Duration maxWait) {
            permits.add(scope);
            return refuse ? Optional.empty() : Optional.of(Duration.ZERO);
        }

        @Override
        public void backOff(String scope, Duration pause) {
            backOffs.add(scope + " " + pause.toMillis());
        }
    }

    private PartnerSession session(FakeTransport transport, RecordingBudget budget, RateScope scope, String partnerKey) {
        return GradientClient.builder().baseUri("https://gradient.test").transport(transport).clock(clock)
                .sleeper(new RecordingSleeper(null)).logger(new RecordingLogger()).rateBudget(budget)
                .options(GradientClientOptions.builder().rateScope(scope).build()).build()
                .session(new GradientCredentials("vendor-key-secret", partnerKey));
    }

    @Test
    void call_shouldTakeAPermitPerAttempt_andBackTheScopeOff_whenGradientAnswers429() {
        FakeTransport transport = new FakeTransport()
                .respond(429, "{\"message\":\"slow down\"}", "Retry-After", "2")
                .respond(200, ORGANIZATION);
        RecordingBudget budget = new RecordingBudget();

        session(transport, budget, RateScope.VENDOR_KEY, "partner-key-one").getIntegration();

        assertEquals(2, budget.permits.size(), "one permit per attempt");
        assertEquals(List.of(budget.permits.get(0) + " 2000"), budget.backOffs, "the scope pauses for Retry-After");
    }

    @Test
    void call_shouldSendNothing_whenTheBudgetRefusesBeforeTheDeadline() {
        FakeTransport transport = new FakeTransport().respond(200, ORGANIZATION);
        RecordingBudget budget = new RecordingBudget();
        budget.refuse = true;

        assertThrows(GradientConnectionException.class,
                () -> session(transport, budget, RateScope.VENDOR_KEY, "partner-key-one").getIntegration());
        assertEquals(0, transport.requests().size(), "no request without a permit");
    }

    @Test
    void alertDispatch_shouldFailAsNotSent_whenTheBudgetStoreFails() {
        // An alert must not be marked "outcome unknown" when nothing left: it would never be sent.
        FakeTransport transport = new FakeTransport().respond(200, "{\"messageId\":\"m1\"}");
        RateBudget failing = new RateBudget() {
            @Override
            public Optional<Duration> acquire(String scope, Duration maxWait) {
                throw new IllegalStateException("budget table throttled");
            }

            @Override
            public void backOff(String scope, Duration pause) {
            }
        };
        PartnerSession session = GradientClient.builder().baseUri("https://gradient.test").transport(transport)
                .clock(clock).sleeper(new RecordingSleeper(null)).logger(new RecordingLogger()).rateBudget(failing)
                .build().session(new GradientCredentials("vendor-key-secret", "partner-key-one"));

        GradientConnectionException failure = assertThrows(GradientConnectionException.class,
                () -> session.dispatchAlert("acct-1", new io.gradientconnector.port.gradient.AlertRequest(
                        "Backup failed", "Nightly job failed", "alert-1", 3, 1, null, null)));

        assertTrue(failure.requestNotSent(), failure.getMessage());
        assertEquals(0, transport.requests().size());
    }

    @Test
    void scope_shouldBeOnePerVendorKey_orOnePerToken_andNeverNameAKey() {
        GradientCredentials one = new GradientCredentials("vendor-key-secret", "partner-key-one");
        GradientCredentials two = new GradientCredentials("vendor-key-secret", "partner-key-two");

        assertEquals(RateScope.VENDOR_KEY.nameFor(one), RateScope.VENDOR_KEY.nameFor(two));
        assertNotEquals(RateScope.PARTNER_TOKEN.nameFor(one), RateScope.PARTNER_TOKEN.nameFor(two));
        for (RateScope scope : RateScope.values()) {
            String name = scope.nameFor(one);
            assertFalse(name.contains("vendor-key-secret") || name.contains("partner-key-one")
                    || name.contains(one.token()), name);
        }
        assertEquals(RateScope.PARTNER_TOKEN, RateScope.fromWire(" Partner "));
        assertThrows(IllegalArgumentException.class, () -> RateScope.fromWire("container"));
        assertTrue(RateScope.VENDOR_KEY.nameFor(one).startsWith("vendor-"));
    }
}
