package io.gradientconnector.usagepush;

import com.fasterxml.jackson.databind.JsonNode;
import io.gradientconnector.app.report.PushHistory;
import io.gradientconnector.app.report.ReconciliationReport;
import io.gradientconnector.app.report.ReportLine;
import io.gradientconnector.app.report.ReportUseCases;
import io.gradientconnector.app.usage.GradientFixture;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PushAttempt;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.sandbox.UnitCount;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconciliation report and the push audit trail against what the Gradient sandbox recorded (its control API:
 * unit counts and the request log), never against the connector's own answers: random usage on mapped and unmapped
 * accounts, pushed through random 5xx and 429 answers by the real worker (audited as production wires it), some rows
 * left failed. Seeded and reproducible.
 */
class ReportReconciliationIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final MutableClock CLOCK = MutableClock.at("2025-04-01T12:00:00Z");
    private static final ServiceCatalog CATALOG = ServiceCatalogFile.example();
    private static final List<String> SERVICES = List.of("backup-server", "backup-workstation");
    private static final List<String> ACCOUNTS = List.of("a1", "a2", "a3", "a4", "u1", "u2");
    private static final List<String> MAPPED = List.of("a1", "a2", "a3", "a4");
    private static GradientFixture gradient;

    @BeforeAll
    static void startSandbox() {
        gradient = GradientFixture.start(CLOCK);
    }

    @AfterAll
    static void stopSandbox() {
        gradient.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2026})
    void report_shouldAgreeWithTheSandbox_afterRandomPushesAndFailures(long seed) {
        Random random = new Random(seed);
        gradient.control().clearFaults();
        GradientFixture.Partner sandboxPartner = gradient.partner(CATALOG, SERVICES, ACCOUNTS, MAPPED);
        Pipeline pipeline = new Pipeline(AWS, CLOCK, gradient, sandboxPartner, true);

        // Rounds of random sets, each pushed through a Gradient failing at random; the last round's failures stay.
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String account = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
                String service = SERVICES.get(random.nextInt(SERVICES.size()));
                events.add(("{'id':'s" + seed + "-" + round + "-" + i + "','type':'usage.set','partnerId':'"
                        + pipeline.partnerId.value() + "','occurredAt':'" + CLOCK.instant().plusSeconds(round * 100L + i)
                        + "','accountId':'" + account + "','service':'" + service + "','quantity':"
                        + random.nextInt(40) + "}").replace('\'', '"'));
            }
            pipeline.deliver(events);
            gradient.control().faults(FaultPlan.builder().rate5xx(0.35).rate429(0.1).seed(seed * 10 + round).build());
            pipeline.drainRound();
            if (round < rounds - 1) {
                gradient.control().clearFaults();
                pipeline.drainUntilEmpty(10);
            }
        }
        gradient.control().clearFaults();

        ReportUseCases reports = pipeline.components.reportUseCases();
        List<ReportLine> lines = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ReconciliationReport.ReportPage page = reports.report().page(pipeline.partnerId, cursor, 3);
            lines.addAll(page.lines());
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        Map<String, BigDecimal> sandboxCounts = new HashMap<>();
        for (UnitCount c : gradient.control().counts()) {
            if (c.integrationId().equals(sandboxPartner.integrationId())) {
                sandboxCounts.put(c.accountId() + "/" + c.serviceId(), c.unitCount());
            }
        }
        // Faulted requests are answered before the token is read (no integration id), so requests are matched by
        // SKU id (each test's vendor has its own) and the body's account id.
        List<RecordedRequest> pushes = gradient.control().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/count"))
                .toList();
        assertTrue(lines.size() >= 6, "enough rows to mean something: " + lines.size());
        int failedOrPending = 0;
        for (ReportLine line : lines) {
            String sku = sandboxPartner.skuId(line.service());
            String where = "seed " + seed + ", " + line.accountId() + "/" + line.service() + ": " + line;
            BigDecimal inGradient = sandboxCounts.get(line.accountId() + "/" + sku);
            // What the report says Gradient confirmed is what the sandbox holds, nothing else.
            if (line.confirmedCount() == null) {
                assertNull(inGradient, where);
            } else {
                assertNotNull(inGradient, where);
                assertEquals(0, line.confirmedCount().compareTo(inGradient), where);
            }
            assertEquals(0, line.difference().compareTo(line.ledgerCount().subtract(
                    line.confirmedCount() == null ? BigDecimal.ZERO : line.confirmedCount())), where);
            if (line.state().equals("pushed")) {
                assertEquals(0, line.ledgerCount().compareTo(inGradient), where);
                assertNotNull(line.confirmedAt(), where);
            }
            if (!MAPPED.contains(line.accountId())) {
                assertTrue(List.of("unmapped", "failed", "pending").contains(line.state()), where);
                assertNull(inGradient, where);
            }
            if (line.state().equals("failed") || line.state().equals("pending")) {
                failedOrPending++;
            }

            // The audit trail holds one attempt per push call the sandbox answered: one 201 per APPLIED attempt,
            // one 404 per NOT_MAPPED; the newest APPLIED count is what the sandbox holds.
            List<JsonNode> rowRequests = pushes.stream()
                    .filter(r -> r.path().contains("/service/" + sku + "/"))
                    .filter(r -> r.body() != null && line.accountId().equals(r.body().path("accountId").asText()))
                    .map(RecordedRequest::body).toList();
            List<Integer> statuses = pushes.stream()
                    .filter(r -> r.path().contains("/service/" + sku + "/"))
                    .filter(r -> r.body() != null && line.accountId().equals(r.body().path("accountId").asText()))
                    .map(RecordedRequest::status).toList();
            List<PushAttempt> trail = history(reports, pipeline, line);
            assertEquals(statuses.stream().filter(s -> s == 201).count(),
                    trail.stream().filter(a -> a.outcome() == PushAttempt.Outcome.APPLIED).count(), where);
            assertEquals(statuses.stream().filter(s -> s == 404).count(),
                    trail.stream().filter(a -> a.outcome() == PushAttempt.Outcome.NOT_MAPPED).count(), where);
            assertTrue(trail.size() <= rowRequests.size(), where + ": at most one attempt per request");
            trail.stream().filter(a -> a.outcome() == PushAttempt.Outcome.APPLIED).findFirst()
                    .ifPresent(newest -> assertEquals(0, newest.count().compareTo(inGradient), where));
            trail.forEach(a -> assertEquals(sku, a.gradientServiceId(), where));
        }
        assertTrue(failedOrPending + lines.stream().filter(l -> l.state().equals("unmapped")).count() > 0,
                "seed " + seed + ": some rows must not be pushed, or the test shows little");
    }

    private static List<PushAttempt> history(ReportUseCases reports, Pipeline pipeline, ReportLine line) {
        List<PushAttempt> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            PushHistory.HistoryPage page = reports.pushHistory().page(pipeline.partnerId,
                    AccountId.of(line.accountId()), ServiceKey.of(line.service()), cursor, 2);
            all.addAll(page.attempts());
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        for (int i = 1; i < all.size(); i++) {
            Instant newer = all.get(i - 1).at();
            assertTrue(!newer.isBefore(all.get(i).at()), "newest first");
        }
        return all;
    }
}
