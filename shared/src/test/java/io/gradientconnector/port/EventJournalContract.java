package io.gradientconnector.port;

import io.gradientconnector.domain.AccountRecord;
import io.gradientconnector.domain.GradientAccountState;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.RecordOutcome;
import io.gradientconnector.domain.RecordResult;
import io.gradientconnector.domain.UsageRowKey;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.VendorAccount;
import io.gradientconnector.domain.VendorEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import io.gradientconnector.domain.LedgerState;
import io.gradientconnector.domain.ServiceKey;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static io.gradientconnector.testing.TestEvents.add;
import static io.gradientconnector.testing.TestEvents.delete;
import static io.gradientconnector.testing.TestEvents.set;
import static io.gradientconnector.testing.TestEvents.subtract;
import static io.gradientconnector.testing.TestEvents.t;
import static io.gradientconnector.testing.TestEvents.upsert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link EventJournal}, run against the fake and DynamoDB. */
public abstract class EventJournalContract extends StoreContractSupport {

    /** The composite of the tests: SKUs {@code seat-*} add into service {@code seats}; every other SKU is its own. */
    protected static final UnaryOperator<ServiceKey> ROUTING =
            sku -> sku.value().startsWith("seat-") ? ServiceKey.of("seats") : sku;
    private static final List<String> SEAT_SKUS = List.of("seat-ws", "seat-srv", "seat-vm");

    private UsageRowKey row(String account, String service) {
        return new UsageRowKey(partner, AccountId.of(account), io.gradientconnector.domain.ServiceKey.of(service));
    }

    private Quantity count(String account, String service) {
        return stores.ledger().get(row(account, service)).map(LedgerRow::count).orElse(Quantity.ZERO);
    }

    @Test
    void record_shouldApplyThenReportDuplicate_whenSameEventRecordedTwice() {
        VendorEvent event = add("e1", partner, "acct-1", "backup-server", "3", 1);

        RecordResult first = stores.journal().record(event);
        RecordResult second = stores.journal().record(event);

        assertEquals(RecordOutcome.APPLIED, first.outcome());
        assertEquals(List.of(row("acct-1", "backup-server")), first.changedRows());
        assertEquals(RecordOutcome.DUPLICATE, second.outcome());
        assertEquals(List.of(), second.changedRows());
        assertEquals(Quantity.of(3), count("acct-1", "backup-server"));
        assertEquals(1, stores.ledger().get(row("acct-1", "backup-server")).orElseThrow().version());
    }

    @Test
    void record_shouldApplyExactlyOnce_whenThreadsRaceTheSameEventId() throws Exception {
        VendorEvent event = add("race", partner, "acct-1", "backup-server", "2", 1);
        List<Callable<RecordOutcome>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(() -> stores.journal().record(event).outcome());
        }

        List<RecordOutcome> outcomes = concurrently(6, tasks);

        assertEquals(1, Collections.frequency(outcomes, RecordOutcome.APPLIED), outcomes.toString());
        assertEquals(5, Collections.frequency(outcomes, RecordOutcome.DUPLICATE), outcomes.toString());
        assertEquals(Quantity.of(2), count("acct-1", "backup-server"));
    }

    @Test
    void record_shouldSumExactly_whenFiftyAddsRunConcurrently() throws Exception {
        List<Callable<RecordOutcome>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            VendorEvent event = add("add-" + i, partner, "acct-1", "backup-server", "1.5", i);
            tasks.add(() -> stores.journal().record(event).outcome());
        }

        List<RecordOutcome> outcomes = concurrently(6, tasks);

        assertEquals(50, Collections.frequency(outcomes, RecordOutcome.APPLIED));
        assertEquals(Quantity.of("75"), count("acct-1", "backup-server"));
        assertEquals(50, stores.ledger().get(row("acct-1", "backup-server")).orElseThrow().version());
    }

    @Test
    void record_shouldChangeNothingButStayDuplicate_whenSetIsOlderThanLatestSet() {
        stores.journal().record(set("new", partner, "a", "backup-server", "10", 20));

        RecordResult older = stores.journal().record(set("old", partner, "a", "backup-server", "99", 10));
        RecordResult again = stores.journal().record(set("old", partner, "a", "backup-server", "99", 10));

        assertEquals(RecordOutcome.NO_CHANGE, older.outcome());
        assertEquals(List.of(), older.changedRows());
        assertEquals(RecordOutcome.DUPLICATE, again.outcome());
        assertEquals(Quantity.of(10), count("a", "backup-server"));
    }

    @Test
    void record_shouldChangeNothing_whenDeltaIsOlderThanLatestSet() {
        stores.journal().record(set("s", partner, "a", "backup-server", "10", 20));

        RecordResult result = stores.journal().record(add("d", partner, "a", "backup-server", "5", 19));

        assertEquals(RecordOutcome.NO_CHANGE, result.outcome());
        assertEquals(Quantity.of(10), count("a", "backup-server"));
    }

    @Test
    void record_shouldFloorAtZero_whenSubtractExceedsCount() {
        stores.journal().record(add("a1", partner, "a", "backup-server", "2", 1));
        stores.journal().record(subtract("s1", partner, "a", "backup-server", "5", 2));
        stores.journal().record(add("a2", partner, "a", "backup-server", "1", 3));

        assertEquals(Quantity.of(1), count("a", "backup-server"));
    }

    @Test
    void record_shouldEqualInOrderCount_whenStreamIsShuffledWithDuplicates() {
        Random random = new Random(42);
        for (int run = 0; run < 4; run++) {
            String service = "svc-" + run;
            List<VendorEvent.UsageEvent> stream = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                String id = "r" + run + "-e" + i;
                long at = random.nextInt(12); // deliberate ties in time, broken by event id
                String qty = Integer.toString(1 + random.nextInt(6));
                stream.add(switch (random.nextInt(4)) {
                    case 0 -> set(id, partner, "acct", service, qty, at);
                    case 1 -> subtract(id, partner, "acct", service, qty, at);
                    default -> add(id, partner, "acct", service, qty, at);
                });
            }
            Quantity expected = inOrder(stream);
            List<VendorEvent.UsageEvent> deliveries = new ArrayList<>(stream);
            deliveries.addAll(stream.subList(0, 6)); // redeliveries
            Collections.shuffle(deliveries, random);

            deliveries.forEach(stores.journal()::record);

            assertEquals(expected, count("acct", service), "run " + run);
        }
    }

    /**
     * A composite's row is the exact fold of each SKU's events: random set/add/subtract streams on three SKUs of one
     * service, delivered in random order with redeliveries, give per SKU the in-order count and as the row's count
     * their sum (the model: each SKU's events sorted by (occurredAt, id) and applied one by one). Seeded.
     */
    @Test
    void record_shouldFoldEachSkuExactly_andSumThem_whenACompositesEventsArriveShuffledWithDuplicates() {
        Random random = new Random(7);
        for (int run = 0; run < 3; run++) {
            String account = "acct-" + run;
            Map<String, List<VendorEvent.UsageEvent>> bySku = new TreeMap<>();
            List<VendorEvent.UsageEvent> stream = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                String sku = SEAT_SKUS.get(random.nextInt(SEAT_SKUS.size()));
                String id = "c" + run + "-e" + i;
                long at = random.nextInt(10); // ties across and within SKUs, broken by event id
                String qty = Integer.toString(1 + random.nextInt(9));
                VendorEvent.UsageEvent event = switch (random.nextInt(4)) {
                    case 0 -> set(id, partner, account, sku, qty, at);
                    case 1 -> subtract(id, partner, account, sku, qty, at);
                    default -> add(id, partner, account, sku, qty, at);
                };
                stream.add(event);
                bySku.computeIfAbsent(sku, k -> new ArrayList<>()).add(event);
            }
            List<VendorEvent.UsageEvent> deliveries = new ArrayList<>(stream);
            for (int i = 0; i < 8; i++) {
                deliveries.add(stream.get(random.nextInt(stream.size()))); // redeliveries
            }
            Collections.shuffle(deliveries, random);

            for (VendorEvent.UsageEvent event : deliveries) {
                RecordResult result = stores.journal().record(event);
                assertTrue(result.changedRows().stream().allMatch(r -> r.equals(row(account, "seats"))),
                        result.changedRows().toString());
            }

            LedgerRow row = stores.ledger().get(row(account, "seats")).orElseThrow();
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (var entry : bySku.entrySet()) {
                Quantity expected = inOrder(entry.getValue());
                assertEquals(expected, row.component(ServiceKey.of(entry.getKey())).orElseThrow().count(),
                        "run " + run + ", " + entry.getKey());
                sum = sum.add(expected.value());
            }
            assertEquals(0, sum.compareTo(row.sum()), "run " + run);
            for (String sku : SEAT_SKUS) {
                assertEquals(Optional.empty(), stores.ledger().get(row(account, sku)), "no row per SKU");
            }
        }
    }

    /** Past the delta bound, each SKU folds on its own (its chunks apart), and a late event inside a fold is exact. */
    @Test
    void record_shouldKeepEachSkusFoldApart_whenACompositeSkuFoldsAndALateEventLandsInside() {
        List<VendorEvent.UsageEvent> ws = new ArrayList<>();
        for (int i = 0; i < LedgerState.MAX_DELTAS + 12; i++) {
            ws.add(i % 5 == 4 ? subtract(String.format("w%03d", i), partner, "a", "seat-ws", "2", 10 + i)
                    : add(String.format("w%03d", i), partner, "a", "seat-ws", "1", 10 + i));
        }
        List<VendorEvent.UsageEvent> srv = List.of(set("s1", partner, "a", "seat-srv", "7", 5),
                add("s2", partner, "a", "seat-srv", "3", 50));
        List<VendorEvent.UsageEvent> deliveries = new ArrayList<>();
        deliveries.addAll(ws.subList(1, ws.size()));
        deliveries.addAll(srv);
        deliveries.add(ws.get(0)); // before the fold
        VendorEvent.UsageEvent inside = subtract("w-late", partner, "a", "seat-ws", "40", 15);
        deliveries.add(inside);
        deliveries.add(ws.get(5)); // a redelivery of a folded delta

        deliveries.forEach(stores.journal()::record);

        List<VendorEvent.UsageEvent> allWs = new ArrayList<>(ws);
        allWs.add(inside);
        LedgerRow row = stores.ledger().get(row("a", "seats")).orElseThrow();
        assertEquals(inOrder(allWs), row.component(ServiceKey.of("seat-ws")).orElseThrow().count());
        assertEquals(Quantity.of(10), row.component(ServiceKey.of("seat-srv")).orElseThrow().count());
        assertEquals(0, inOrder(allWs).value().add(java.math.BigDecimal.TEN).compareTo(row.sum()));
    }

    /** The SKUs of a composite share the row's 100 kept deltas, so its item is no bigger than a plain row's. */
    @Test
    void record_shouldKeepAtMostTheBoundOfDeltasInTheWholeRow_whenSeveralSkusEachHaveMany() {
        List<VendorEvent.UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            for (String sku : SEAT_SKUS) {
                events.add(add(sku + "-" + String.format("%03d", i), partner, "b", sku, "1", i));
            }
        }
        events.forEach(stores.journal()::record);

        LedgerRow row = stores.ledger().get(row("b", "seats")).orElseThrow();
        int kept = 0;
        for (String sku : SEAT_SKUS) {
            LedgerState component = row.component(ServiceKey.of(sku)).orElseThrow();
            kept += component.deltas().size();
            assertEquals(Quantity.of(60), component.count(), sku);
        }
        assertTrue(kept <= LedgerState.MAX_DELTAS, "kept " + kept);
        assertEquals(Quantity.of(180), row.count());
    }

    @Test
    void record_shouldZeroEveryComponent_andZeroALateSkuFromBeforeTheDeletion_whenTheAccountIsDeleted() {
        stores.journal().record(set("z1", partner, "a", "seat-ws", "4", 1));
        stores.journal().record(add("z2", partner, "a", "seat-srv", "6", 2));

        RecordResult deleted = stores.journal().record(delete("z3", partner, "a", 5));
        stores.journal().record(add("z4", partner, "a", "seat-vm", "9", 3)); // a new SKU, older than the deletion
        stores.journal().record(add("z5", partner, "a", "seat-srv", "2", 6)); // after it

        assertEquals(List.of(row("a", "seats")), deleted.changedRows());
        LedgerRow row = stores.ledger().get(row("a", "seats")).orElseThrow();
        assertEquals(Quantity.ZERO, row.component(ServiceKey.of("seat-ws")).orElseThrow().count());
        assertEquals(Quantity.ZERO, row.component(ServiceKey.of("seat-vm")).map(LedgerState::count)
                .orElse(Quantity.ZERO), "older than the deletion: zeroed by it");
        assertEquals(Quantity.of(2), row.count());
    }

    private static Quantity inOrder(List<VendorEvent.UsageEvent> events) {
        Quantity count = Quantity.ZERO;
        List<VendorEvent.UsageEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(VendorEvent.UsageEvent::occurredAt)
                .thenComparing(VendorEvent.UsageEvent::id));
        for (VendorEvent.UsageEvent e : sorted) {
            count = e.toChange().applyTo(count);
        }
        return count;
    }

    /** No valid input may fail in the store: every id, name and description at its limit is stored and read back. */
    @Test
    void record_shouldStoreEveryIdAndNameAtItsLimit() {
        String suffix = Long.toString(System.nanoTime(), 36);
        io.gradientconnector.domain.PartnerId big = io.gradientconnector.domain.PartnerId.of(
                ("p" + suffix + "-".repeat(64)).substring(0, 64));
        String cjk = "\u6F22".repeat(85);
        AccountId account = AccountId.of(cjk + "abc"); // 768 bytes once encoded, the limit
        io.gradientconnector.domain.ServiceKey service = io.gradientconnector.domain.ServiceKey.of("s".repeat(64));
        String name = "\u540D".repeat(VendorAccount.MAX_NAME_LENGTH);
        String description = "\uD83D\uDE00".repeat(VendorAccount.MAX_DESCRIPTION_LENGTH / 2);
        VendorEvent upsert = new VendorEvent.AccountUpserted(io.gradientconnector.domain.EventId.of(cjk + "ev1"), big,
                t(1), new VendorAccount(account, name, description));
        VendorEvent usage = new VendorEvent.UsageSet(io.gradientconnector.domain.EventId.of(cjk + "ev2"), big, t(2),
                account, service, Quantity.of(5));
        VendorEvent deletion = new VendorEvent.AccountDeleted(io.gradientconnector.domain.EventId.of(cjk + "ev3"),
                big, t(3), account);

        assertEquals(RecordOutcome.APPLIED, stores.journal().record(upsert).outcome());
        assertEquals(RecordOutcome.APPLIED, stores.journal().record(usage).outcome());
        UsageRowKey key = new UsageRowKey(big, account, service);
        assertEquals(Quantity.of(5), stores.ledger().get(key).orElseThrow().count());
        assertEquals(RecordOutcome.APPLIED, stores.journal().record(deletion).outcome());
        assertEquals(RecordOutcome.DUPLICATE, stores.journal().record(usage).outcome());

        AccountRecord stored = stores.accounts().get(big, account).orElseThrow();
        assertEquals(Optional.of(name), stored.name());
        assertTrue(stored.deleted());
        assertEquals(Quantity.ZERO, stores.ledger().get(key).orElseThrow().count());
        assertEquals(List.of(key), stores.ledger().listForAccount(big, account, Optional.empty(), 10).items()
                .stream().map(LedgerRow::key).toList());
    }

    @Test
    void record_shouldUpsertAccount_andIgnoreAnOlderUpsert() {
        RecordResult created = stores.journal().record(upsert("u2", partner, "acct-1", "Contoso", 20));
        RecordResult older = stores.journal().record(upsert("u1", partner, "acct-1", "Old name", 10));

        AccountRecord account = stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow();
        assertEquals(RecordOutcome.APPLIED, created.outcome());
        assertEquals(RecordOutcome.NO_CHANGE, older.outcome());
        assertEquals(Optional.of("Contoso"), account.name());
        assertEquals(Optional.of(t(20)), account.vendorUpdatedAt());
        assertFalse(account.deleted());
        assertEquals(GradientAccountState.NONE, account.gradientState());
    }

    @Test
    void record_shouldCreateNamelessAccount_whenUsageArrivesBeforeUpsert() {
        stores.journal().record(add("a1", partner, "acct-1", "backup-server", "1", 5));

        AccountRecord stub = stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow();
        assertFalse(stub.hasVendorDetails());

        stores.journal().record(upsert("u1", partner, "acct-1", "Contoso", 1));
        assertEquals(Optional.of("Contoso"), stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow().name());
    }

    @Test
    void record_shouldMarkDeletedAndZeroEveryRow_whenAccountDeleted() {
        stores.journal().record(upsert("u1", partner, "acct-1", "Contoso", 1));
        stores.journal().record(set("s1", partner, "acct-1", "backup-server", "4", 2));
        stores.journal().record(add("a1", partner, "acct-1", "edr-endpoint", "7", 3));
        stores.journal().record(add("other", partner, "acct-10", "edr-endpoint", "7", 3));

        RecordResult deleted = stores.journal().record(delete("d1", partner, "acct-1", 10));
        RecordResult again = stores.journal().record(delete("d1", partner, "acct-1", 10));

        assertEquals(RecordOutcome.APPLIED, deleted.outcome());
        assertEquals(List.of(row("acct-1", "backup-server"), row("acct-1", "edr-endpoint")),
                deleted.changedRows().stream().sorted(Comparator.comparing(k -> k.service().value())).toList());
        assertEquals(RecordOutcome.DUPLICATE, again.outcome());
        assertTrue(stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow().deleted());
        assertEquals(Quantity.ZERO, count("acct-1", "backup-server"));
        assertEquals(Quantity.ZERO, count("acct-1", "edr-endpoint"));
        assertEquals(Quantity.of(7), count("acct-10", "edr-endpoint"));
    }

    @Test
    void record_shouldKeepAccountButZeroAtItsTime_whenDeletionIsOlderThanUpsert() {
        stores.journal().record(add("a1", partner, "acct-1", "backup-server", "5", 1));
        stores.journal().record(upsert("u1", partner, "acct-1", "Contoso", 5));
        stores.journal().record(add("a2", partner, "acct-1", "backup-server", "2", 4));

        RecordResult result = stores.journal().record(delete("d1", partner, "acct-1", 3));

        assertEquals(RecordOutcome.APPLIED, result.outcome());
        assertFalse(stores.accounts().get(partner, AccountId.of("acct-1")).orElseThrow().deleted());
        assertEquals(Quantity.of(2), count("acct-1", "backup-server"));
    }

    @Test
    void record_shouldIgnoreLateUsage_whenItHappenedBeforeTheAccountWasDeleted() {
        stores.journal().record(delete("d1", partner, "acct-1", 10));

        RecordResult late = stores.journal().record(add("a1", partner, "acct-1", "backup-server", "5", 3));
        RecordResult after = stores.journal().record(add("a2", partner, "acct-1", "edr-endpoint", "2", 11));

        assertEquals(RecordOutcome.NO_CHANGE, late.outcome());
        assertTrue(stores.ledger().get(row("acct-1", "backup-server")).isEmpty());
        assertEquals(RecordOutcome.APPLIED, after.outcome());
        assertEquals(Quantity.of(2), count("acct-1", "edr-endpoint"));
    }

    @Test
    void record_shouldZeroEveryRow_whenAccountHasMoreRowsThanOneTransactionHolds() {
        int rows = 12; // the DynamoDB suite lowers the transaction size so that 12 rows need chunks
        IntStream.range(0, rows).forEach(i ->
                stores.journal().record(set("s" + i, partner, "big", "svc-" + i, "3", 1)));

        RecordResult deleted = stores.journal().record(delete("d1", partner, "big", 10));
        RecordResult again = stores.journal().record(delete("d1", partner, "big", 10));

        assertEquals(RecordOutcome.APPLIED, deleted.outcome());
        assertEquals(rows, deleted.changedRows().size());
        assertEquals(RecordOutcome.DUPLICATE, again.outcome());
        List<LedgerRow> all = all(c -> stores.ledger().listForAccount(partner, AccountId.of("big"), c, 1000));
        assertEquals(rows, all.size());
        assertTrue(all.stream().allMatch(r -> r.count().isZero()), "every row zeroed");
        assertTrue(stores.accounts().get(partner, AccountId.of("big")).orElseThrow().deleted());
    }

    @Test
    void record_shouldZeroEveryRow_whenNewRowsRaceTheAccountDeletion() throws Exception {
        List<Callable<RecordOutcome>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            VendorEvent usage = add("before-delete-" + i, partner, "acct-1", "svc-" + i, "4", 5);
            tasks.add(() -> stores.journal().record(usage).outcome());
        }
        tasks.add(3, () -> stores.journal().record(delete("d1", partner, "acct-1", 10)).outcome());

        concurrently(4, tasks);

        List<LedgerRow> rows = all(c -> stores.ledger().listForAccount(partner, AccountId.of("acct-1"), c, 100));
        assertTrue(rows.stream().allMatch(r -> r.count().isZero()),
                "usage at t5 precedes the deletion at t10: " + rows.stream().map(LedgerRow::count).toList());
    }

    @Test
    void record_shouldCountInEventOrder_whenLateSetIsOlderThanFoldedDeltas() {
        // More adds than a row keeps one by one, so the oldest are folded; then a set older than all of them.
        int adds = io.gradientconnector.domain.LedgerState.MAX_DELTAS + 5;
        for (int i = 0; i < adds; i++) {
            stores.journal().record(add("fold-" + i, partner, "acct-1", "backup-server", "1", 10 + i));
        }
        stores.journal().record(subtract("late-sub", partner, "acct-1", "backup-server", "4", 5));

        RecordResult late = stores.journal().record(set("late-set", partner, "acct-1", "backup-server", "2", 1));

        // In order: set 2 @1, -4 @5 (floors at 0), then every +1.
        assertEquals(RecordOutcome.APPLIED, late.outcome());
        assertEquals(Quantity.of(adds), count("acct-1", "backup-server"));
        assertTrue(stores.ledger().get(row("acct-1", "backup-server")).orElseThrow().state().fold() != null);
    }

    @Test
    void record_shouldCountInEventOrder_whenLateEventsLandInsideTheFoldedDeltas() {
        // 130 adds of 1 at t10..t139: the oldest 30 (t10..t39) are folded, 100 kept one by one.
        int adds = io.gradientconnector.domain.LedgerState.MAX_DELTAS + 30;
        for (int i = 0; i < adds; i++) {
            stores.journal().record(add("fold-" + i, partner, "acct-1", "backup-server", "1", 10 + i));
        }

        // Inside the fold, after fold-10 (same time, larger id): 11, -100 floors at 0, then 119 more adds.
        RecordResult lateSub = stores.journal().record(subtract("late-sub", partner, "acct-1", "backup-server", "100", 20));
        assertEquals(RecordOutcome.APPLIED, lateSub.outcome());
        assertEquals(Quantity.of(119), count("acct-1", "backup-server"), "not 100, as applying it at the fold's end gives");

        // A set inside the fold: 50 at t25 after fold-15, then the 114 adds after it.
        stores.journal().record(set("late-set", partner, "acct-1", "backup-server", "50", 25));
        assertEquals(Quantity.of(164), count("acct-1", "backup-server"));

        // A deletion inside what is still folded: zero at t30 before fold-20 (smaller id), then 110 adds.
        assertEquals(RecordOutcome.APPLIED, stores.journal().record(delete("d1", partner, "acct-1", 30)).outcome());
        assertEquals(Quantity.of(110), count("acct-1", "backup-server"));

        // Every folded delta is still recognised by the row itself, whatever the de-duplication rows say.
        assertEquals(RecordOutcome.DUPLICATE,
                stores.journal().record(add("fold-25", partner, "acct-1", "backup-server", "1", 35)).outcome());
        assertEquals(Quantity.of(110), count("acct-1", "backup-server"));
        clock.advance(DEDUP_TTL.plusDays(1)); // the row expires (DynamoDB may still hold it for a while)
        assertTrue(stores.journal().record(add("fold-25", partner, "acct-1", "backup-server", "1", 35)).outcome()
                != RecordOutcome.APPLIED, "a folded delta redelivered after its de-duplication row expired");
        assertEquals(Quantity.of(110), count("acct-1", "backup-server"));
        assertEquals(List.of(row("acct-1", "backup-server")),
                stores.ledger().listForAccount(partner, AccountId.of("acct-1"), Optional.empty(), 10).items()
                        .stream().map(LedgerRow::key).toList(), "the kept folded deltas are never listed as rows");
    }

    @Test
    void record_shouldRecordBoth_whenTwoPartnersSendTheSameEventId() {
        io.gradientconnector.domain.PartnerId other = io.gradientconnector.testing.TestEvents.uniquePartner();

        RecordResult mine = stores.journal().record(add("shared-id", partner, "acct-1", "backup-server", "3", 1));
        RecordResult theirs = stores.journal().record(add("shared-id", other, "acct-1", "backup-server", "5", 1));
        RecordResult again = stores.journal().record(add("shared-id", other, "acct-1", "backup-server", "5", 1));

        assertEquals(RecordOutcome.APPLIED, mine.outcome());
        assertEquals(RecordOutcome.APPLIED, theirs.outcome());
        assertEquals(RecordOutcome.DUPLICATE, again.outcome());
        assertEquals(Quantity.of(3), count("acct-1", "backup-server"));
        assertEquals(Quantity.of(5), stores.ledger().get(new UsageRowKey(other, AccountId.of("acct-1"),
                io.gradientconnector.domain.ServiceKey.of("backup-server"))).orElseThrow().count());
    }
}
