package io.gradientconnector.app.audit;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.observability.Metrics;
import io.gradientconnector.port.gradient.CountOutcome;
import io.gradientconnector.port.gradient.GradientCredentials;
import io.gradientconnector.port.gradient.GradientException;
import io.gradientconnector.port.gradient.IntegrationStatus;
import io.gradientconnector.port.gradient.PartnerSession;
import io.gradientconnector.testing.InMemoryGradient;
import io.gradientconnector.testing.InMemoryPushAuditLog;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit decorator over the in-memory Gradient: every push kept once, whatever Gradient answers. */
class AuditedGradientTest {
    private static final String VENDOR_KEY = "vendor-key-0001";
    private static final String PARTNER_KEY = "partner-key-0001";

    private final MutableClock clock = MutableClock.at("2026-02-01T08:00:00Z");
    private final InMemoryGradient gradient = new InMemoryGradient(VENDOR_KEY);
    private final InMemoryPushAuditLog audit = new InMemoryPushAuditLog();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final Metrics metrics = Metrics.builder().function("usage-push").out(print).clock(clock).build();
    private final AtomicInteger ids = new AtomicInteger();
    private final AuditedGradient audited = new AuditedGradient(gradient, audit, clock,
            JsonLog.builder().function("usage-push").out(print).clock(clock).build(), metrics,
            () -> "req-" + ids.incrementAndGet());
    private final PartnerId partner = PartnerId.of("partner-audit");
    private final String sku;

    AuditedGradientTest() {
        gradient.accept(PARTNER_KEY, "Audit MSP", IntegrationStatus.ACTIVE);
        sku = gradient.addSku("Backup");
        gradient.addAccounts(PARTNER_KEY, "mapped", "unmapped");
        gradient.map(PARTNER_KEY, "mapped");
    }

    private PartnerSession session() {
        return audited.session(partner, new GradientCredentials(VENDOR_KEY, PARTNER_KEY), clock.instant().plusSeconds(30));
    }

    private List<PushAttempt> trail(String account) {
        return audit.list(partner, AccountId.of(account), sku, Optional.empty(), 100).items();
    }

    @Test
    void setUnitCount_shouldKeepOneAttemptPerPush_withGradientsAnswer() {
        PartnerSession session = session();

        assertInstanceOf(CountOutcome.Applied.class, session.setUnitCount(sku, "mapped", new BigDecimal("7"), true));
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(CountOutcome.NotMapped.class, session.setUnitCount(sku, "unmapped", BigDecimal.ONE, false));

        assertEquals(List.of(new PushAttempt(partner, AccountId.of("mapped"), sku,
                Instant.parse("2026-02-01T08:00:00Z"), "set", new BigDecimal("7"), true, PushAttempt.Outcome.APPLIED,
                201, "req-1")), trail("mapped"));
        assertEquals(List.of(new PushAttempt(partner, AccountId.of("unmapped"), sku,
                Instant.parse("2026-02-01T08:00:01Z"), "set", BigDecimal.ONE, false, PushAttempt.Outcome.NOT_MAPPED,
                404, "req-2")), trail("unmapped"));
    }

    @Test
    void setUnitCount_shouldKeepTheFailure_andStillThrowIt() {
        gradient.failOn(InMemoryGradient.SET_COUNT,
                GradientException.forStatus(503, InMemoryGradient.SET_COUNT, "down", Optional.empty()),
                GradientException.forStatus(401, InMemoryGradient.SET_COUNT, "bad key", Optional.empty()),
                GradientException.forStatus(429, InMemoryGradient.SET_COUNT, "slow down", Optional.empty()));
        PartnerSession session = session();

        for (int i = 0; i < 3; i++) {
            assertThrows(GradientException.class, () -> session.setUnitCount(sku, "mapped", BigDecimal.TEN, false));
            clock.advance(Duration.ofMillis(1));
        }

        assertEquals(List.of(PushAttempt.Outcome.RATE_LIMITED, PushAttempt.Outcome.UNAUTHORIZED,
                PushAttempt.Outcome.SERVER_ERROR), trail("mapped").stream().map(PushAttempt::outcome).toList());
        assertEquals(List.of(429, 401, 503), trail("mapped").stream().map(PushAttempt::status).toList());
    }

    @Test
    void setUnitCount_shouldNeitherFailNorRepeatThePush_whenTheAuditWriteFails() {
        audit.failing(true);

        CountOutcome outcome = session().setUnitCount(sku, "mapped", new BigDecimal("3"), false);
        metrics.flush();

        assertInstanceOf(CountOutcome.Applied.class, outcome);
        assertEquals(1, gradient.calls("POST count").size(), "pushed exactly once");
        assertEquals(Optional.of(new BigDecimal("3")), gradient.count(PARTNER_KEY, sku, "mapped"));
        String written = out.toString(StandardCharsets.UTF_8);
        assertTrue(written.contains("\"pushAuditWriteFailures\""), written);
        assertTrue(written.contains("push attempt not kept in the audit trail"), written);
    }

    @Test
    void sessionWithoutPartner_shouldNotBeAudited() {
        audited.session(new GradientCredentials(VENDOR_KEY, PARTNER_KEY), clock.instant().plusSeconds(30))
                .setUnitCount(sku, "mapped", BigDecimal.ONE, false);
        assertEquals(List.of(), audit.all());
    }

    @Test
    void randomPushes_shouldEachBeKeptOnce_matchingGradientsCalls() {
        Random random = new Random(7331);
        PartnerSession session = session();
        List<PushAttempt.Outcome> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofMillis(1 + random.nextInt(50)));
            String account = random.nextBoolean() ? "mapped" : "unmapped";
            if (random.nextInt(5) == 0) {
                gradient.failOn(InMemoryGradient.SET_COUNT,
                        GradientException.forStatus(500 + random.nextInt(4), InMemoryGradient.SET_COUNT, "x",
                                Optional.empty()));
                assertThrows(GradientException.class,
                        () -> session.setUnitCount(sku, account, BigDecimal.valueOf(random.nextInt(100)), false));
                expected.add(PushAttempt.Outcome.SERVER_ERROR);
            } else {
                session.setUnitCount(sku, account, BigDecimal.valueOf(random.nextInt(100)), random.nextBoolean());
                expected.add(account.equals("mapped") ? PushAttempt.Outcome.APPLIED : PushAttempt.Outcome.NOT_MAPPED);
            }
        }
        List<PushAttempt> kept = new ArrayList<>(audit.all());
        kept.sort(Comparator.comparing(PushAttempt::at));
        assertEquals(expected, kept.stream().map(PushAttempt::outcome).toList(), "seed 7331");
        assertEquals(200, kept.stream().map(PushAttempt::requestId).distinct().count());
    }
}
