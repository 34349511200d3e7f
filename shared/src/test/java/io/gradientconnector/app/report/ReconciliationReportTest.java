package io.gradientconnector.app.report;

import io.gradientconnector.lambda.ServiceCatalogFile;
import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.testing.InMemoryPushAuditLog;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The report and the partners list over in-memory stores, against a model of what was recorded. */
class ReconciliationReportTest {
    private final MutableClock clock = MutableClock.at("2026-01-10T00:00:00Z");
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));
    private final ReportUseCases reports = ReportUseCases.create(stores.partners(), stores.ledger(), stores.catalog(),
            new InMemoryPushAuditLog(), ServiceCatalogFile.example());
    private final PartnerId partner = TestEvents.uniquePartner();

    private void connect(PartnerId id, PartnerStatus status) {
        stores.partners().save(PartnerRecord.builder(id, clock.instant()).status(status).keyFingerprint("fp").build());
    }

    private LedgerRow row(String account, String service) {
        return stores.ledger().get(new UsageRowKey(partner, AccountId.of(account), ServiceKey.of(service))).orElseThrow();
    }

    private void push(LedgerRow row, PushState outcome, Instant at) {
        stores.ledger().recordPushResult(row.key(), row.version(), row.count(), outcome,
                outcome == PushState.PUSHED ? Optional.empty() : Optional.of("Gradient said no"), at);
    }

    @Test
    void page_shouldMarkRowsOfARemovedService_removedNotPending() {
        connect(partner, PartnerStatus.ACTIVE);
        // An event accepted under an earlier catalog that listed "legacy-sku": its row is kept, never pushed again.
        stores.journal().record(TestEvents.set("r1", partner, "a", "legacy-sku", "7", 1));
        stores.journal().record(TestEvents.set("r2", partner, "a", "backup-server", "3", 1));

        List<ReportLine> lines = reports.report().page(partner, Optional.empty(), 10).lines();
        PartnerSummary summary = reports.listPartners().page(Optional.empty(), Optional.empty(), 100).partners()
                .stream().filter(p -> p.partnerId().equals(partner.value())).findFirst().orElseThrow();

        assertEquals(List.of("a/backup-server:pending", "a/legacy-sku:removed"),
                lines.stream().map(l -> l.accountId() + "/" + l.service() + ":" + l.state()).toList());
        assertEquals(new PartnerSummary.Rows(1, 0, 0, 0, 1), summary.rows());
    }

    @Test
    void page_shouldShowEachRowsLedgerAndConfirmedCounts_andItsState() {
        connect(partner, PartnerStatus.ACTIVE);
        stores.journal().record(TestEvents.set("e1", partner, "a,1", "backup-server", "10", 1));
        stores.journal().record(TestEvents.set("e2", partner, "a,1", "backup-workstation", "4", 1));
        stores.journal().record(TestEvents.set("e3", partner, "b", "backup-server", "2", 1));
        push(row("a,1", "backup-server"), PushState.PUSHED, Instant.parse("2026-01-10T00:01:00Z"));
        stores.journal().record(TestEvents.add("e4", partner, "a,1", "backup-server", "5", 2)); // 15, Gradient has 10
        push(row("b", "backup-server"), PushState.UNMAPPED, Instant.parse("2026-01-10T00:02:00Z"));

        List<ReportLine> lines = reports.report().page(partner, Optional.empty(), 10).lines();

        assertEquals(List.of("a,1/backup-server", "a,1/backup-workstation", "b/backup-server"),
                lines.stream().map(l -> l.accountId() + "/" + l.service()).toList());
        ReportLine changed = lines.get(0);
        assertEquals(List.of(new BigDecimal("15"), new BigDecimal("10"), new BigDecimal("5")),
                List.of(changed.ledgerCount(), changed.confirmedCount(), changed.difference()));
        assertEquals("pending", changed.state());
        assertEquals("2026-01-10T00:01:00Z", changed.confirmedAt());
        assertEquals("pending", lines.get(1).state());
        assertNull(lines.get(1).confirmedCount());
        assertEquals(new BigDecimal("4"), lines.get(1).difference());
        assertEquals("unmapped", lines.get(2).state());
        assertNull(lines.get(2).confirmedAt(), "a 404 confirms nothing");
        assertEquals("2026-01-10T00:02:00Z", lines.get(2).lastAttemptAt());
        assertEquals("Gradient said no", lines.get(2).lastError());
    }

    @Test
    void page_shouldFailForAnUnknownPartner_andABadCursor() {
        assertThrows(ReportFailure.UnknownPartner.class, () -> reports.report().page(partner, Optional.empty(), 10));
        connect(partner, PartnerStatus.ACTIVE);
        assertThrows(ReportFailure.BadCursor.class,
                () -> reports.report().page(partner, Optional.of("bm90LWEtY3Vyc29y"), 10));
    }

    @Test
    void pagesAndPartnersList_shouldAgreeWithAModel_afterRandomPushes() {
        Random random = new Random(99);
        connect(partner, PartnerStatus.ACTIVE);
        List<String> expectedStates = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            String account = String.format("acct-%02d", i);
            stores.journal().record(TestEvents.set("s" + i, partner, account, "backup-server",
                    String.valueOf(random.nextInt(50)), 1));
            int what = random.nextInt(5);
            LedgerRow row = row(account, "backup-server");
            switch (what) {
                case 0 -> expectedStates.add("pending");
                case 1 -> {
                    push(row, PushState.PUSHED, clock.instant());
                    expectedStates.add("pushed");
                }
                case 2 -> {
                    push(row, PushState.UNMAPPED, clock.instant());
                    expectedStates.add("unmapped");
                }
                case 3 -> {
                    push(row, PushState.FAILED, clock.instant());
                    expectedStates.add("failed");
                }
                default -> {
                    push(row, PushState.PUSHED, clock.instant());
                    stores.journal().record(TestEvents.add("a" + i, partner, account, "backup-server", "1", 2));
                    expectedStates.add("pending");
                }
            }
        }
        List<String> states = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ReconciliationReport.ReportPage page = reports.report().page(partner, cursor, 5);
            page.lines().forEach(l -> states.add(l.state()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertEquals(expectedStates, states, "seed 99");

        PartnerSummary summary = reports.listPartners().page(Optional.of(PartnerStatus.ACTIVE), Optional.empty(), 10)
                .partners().get(0);
        assertEquals(new PartnerSummary.Rows(
                expectedStates.stream().filter("pending"::equals).count(),
                expectedStates.stream().filter("unmapped"::equals).count(),
                expectedStates.stream().filter("failed"::equals).count(),
                expectedStates.stream().filter("pushed"::equals).count(),
                expectedStates.stream().filter("removed"::equals).count()), summary.rows());
    }

    @Test
    void listPartners_shouldFilterByStatus_andPage() {
        List<String> needsKey = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            PartnerId id = PartnerId.of("p-" + i);
            PartnerStatus status = i % 3 == 0 ? PartnerStatus.NEEDS_KEY : PartnerStatus.ACTIVE;
            connect(id, status);
            if (status == PartnerStatus.NEEDS_KEY) {
                needsKey.add(id.value());
            }
        }
        List<String> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ListPartners.PartnerList page = reports.listPartners().page(Optional.of(PartnerStatus.NEEDS_KEY), cursor, 2);
            page.partners().forEach(p -> listed.add(p.partnerId()));
            cursor = page.nextCursor();
        } while (cursor.isPresent());
        assertEquals(needsKey, listed);
        assertEquals(7, reports.listPartners().page(Optional.empty(), Optional.empty(), 100).partners().size());
        assertThrows(ReportFailure.BadCursor.class, () -> reports.listPartners()
                .page(Optional.empty(), Optional.of("bm90LWEtY3Vyc29y"), 10));
    }
}
