package io.gradientconnector.app.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.PartnerRecord;
import io.gradientconnector.domain.PartnerStatus;
import io.gradientconnector.domain.Quantity;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.domain.StagedDelivery;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.domain.VendorEvent;
import io.gradientconnector.observability.JsonLog;
import io.gradientconnector.port.ConnectorStores;
import io.gradientconnector.port.EventJournal;
import io.gradientconnector.port.StoreUnavailableException;
import io.gradientconnector.testing.InMemoryPendingDeliveries;
import io.gradientconnector.testing.InMemoryStores;
import io.gradientconnector.testing.InMemoryUsageQueue;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Applying a delivery in parallel lanes: the lanes themselves, the concurrency bound, failures and the deadline, and
 * a seeded randomized comparison of the final counts with the in-order fold of guarantee 9 (docs/GUARANTEES.md).
 * {@code -Ddelivery.seed=N} replays a seed.
 */
class DeliveryApplicationTest {
    private static final String[] SERVICES = {"backup-server", "backup-workstation"};

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final InMemoryUsageQueue queue = InMemoryUsageQueue.create();
    private final InMemoryPendingDeliveries deliveries = InMemoryPendingDeliveries.create();
    private final ConnectorStores stores = InMemoryStores.create(clock, Duration.ofDays(30));

    private DeliveryApplication application(EventJournal journal, int concurrency) {
        return new DeliveryApplication(journal, stores.ledger(), stores.partners(), queue,
                DeliveryApplication.NO_ALERT_QUEUE, deliveries, clock,
                JsonLog.builder().function("test").out(new PrintStream(logs, true, StandardCharsets.UTF_8))
                        .clock(clock).build(), concurrency);
    }

    private StagedDelivery staged(String id, List<VendorEvent> events) {
        StagedDelivery delivery = new StagedDelivery(id, clock.instant(), events);
        deliveries.stage(delivery);
        return delivery;
    }

    @Test
    void lanes_shouldGroupEventsByAccountAndByRepeatedId_keepingDeliveryOrder() {
        PartnerId p = PartnerId.of("p1");
        PartnerId q = PartnerId.of("p2");
        VendorEvent a1 = TestEvents.set("e1", p, "a", "backup-server", "1", 1);
        VendorEvent b1 = TestEvents.add("e2", p, "b", "backup-server", "1", 2);
        VendorEvent a2 = TestEvents.delete("e3", p, "a", 3);
        VendorEvent sameAccountOtherPartner = TestEvents.add("e4", q, "a", "backup-server", "1", 4);
        VendorEvent c = TestEvents.upsert("e5", p, "c", "C", 5);
        VendorEvent repeatOfB = TestEvents.add("e2", p, "d", "backup-server", "1", 6);
        VendorEvent idOfAOtherPartner = TestEvents.add("e1", q, "e", "backup-server", "1", 7);

        List<List<VendorEvent>> lanes = DeliveryLanes.of(List.of(a1, b1, a2, sameAccountOtherPartner, c, repeatOfB,
                idOfAOtherPartner));

        assertEquals(List.of(List.of(a1, a2), List.of(b1, repeatOfB), List.of(sameAccountOtherPartner), List.of(c),
                List.of(idOfAOtherPartner)), lanes);
    }

    @Test
    void apply_shouldRunLanesAtOnce_butNeverMoreThanTheConcurrency() {
        PartnerId partner = TestEvents.uniquePartner();
        List<VendorEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(TestEvents.set("e-" + i, partner, "a" + i, "backup-server", "1", i));
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier fourAtOnce = new CyclicBarrier(4);
        EventJournal journal = event -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // Passes only when four writes are in flight together: fails (times out) if lanes run one by one.
                fourAtOnce.await(10, TimeUnit.SECONDS);
                return stores.journal().record(event);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("four lanes were not applied at once", e);
            } finally {
                inFlight.decrementAndGet();
            }
        };

        DeliveryApplication.Applied applied = application(journal, 4).apply(staged("a".repeat(64), events), clock.instant()
                .plusSeconds(24));

        assertEquals(new DeliveryApplication.Applied(12, 0, 0, true), applied);
        assertEquals(4, most.get(), "at most the concurrency, and all of it");
        assertTrue(deliveries.all().isEmpty());
    }

    @Test
    void apply_shouldStopEveryLaneAndLeaveTheDeliveryToTheSweep_whenOneLaneFails() {
        PartnerId partner = TestEvents.uniquePartner();
        stores.partners().save(PartnerRecord.builder(partner, clock.instant()).status(PartnerStatus.ACTIVE).build());
        List<VendorEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(TestEvents.add("e-" + i, partner, "a" + (i % 10), "backup-server", "1", i));
        }
        AtomicInteger calls = new AtomicInteger();
        EventJournal failingOnce = event -> {
            if (calls.incrementAndGet() == 5) {
                throw new StoreUnavailableException("DynamoDB failed journal.record", new RuntimeException("throttled"));
            }
            return stores.journal().record(event);
        };

        DeliveryApplication.Applied applied = application(failingOnce, 8).apply(staged("b".repeat(64), events),
                clock.instant().plusSeconds(24));

        assertTrue(!applied.completed() && applied.pending() > 0, applied.toString());
        assertEquals(40, applied.accepted() + applied.duplicates() + applied.pending());
        assertEquals(1, deliveries.all().size(), "still staged");

        DeliveryApplication.Applied again = application(stores.journal(), 8).apply(deliveries.all().get(0),
                clock.instant().plusSeconds(24));
        assertEquals(new DeliveryApplication.Applied(40 - applied.accepted(), applied.accepted(), 0, true), again);
        for (int a = 0; a < 10; a++) {
            assertEquals(Quantity.of(4), stores.ledger().get(new UsageRowKey(partner, AccountId.of("a" + a),
                    ServiceKey.of("backup-server"))).orElseThrow().count());
        }
        assertEquals(10, queue.requests().stream().distinct().count());
    }

    @Test
    void apply_shouldStartNoEventAfterTheDeadline_inAnyLane() {
        PartnerId partner = TestEvents.uniquePartner();
        List<VendorEvent> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(TestEvents.set("e-" + i, partner, "a" + i, "backup-server", "1", i));
        }
        Instant deadline = clock.instant().plusSeconds(24);
        AtomicInteger started = new AtomicInteger();
        EventJournal slow = event -> {
            if (started.incrementAndGet() == 6) {
                clock.set(deadline); // this write ends at the deadline: no lane may start another
            }
            return stores.journal().record(event);
        };

        DeliveryApplication.Applied applied = application(slow, 4).apply(staged("c".repeat(64), events), deadline);

        assertEquals(started.get(), applied.accepted(), "every write started was counted");
        assertTrue(applied.accepted() <= 6 + 3, "at most the writes already in flight finish: " + applied);
        assertEquals(30 - applied.accepted(), applied.pending());
    }

    @Test
    void apply_shouldNotStartAnEventThatWouldEndAfterTheDeadline_atThePaceSeenSoFar() {
        PartnerId partner = TestEvents.uniquePartner();
        List<VendorEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(TestEvents.set("e-" + i, partner, "a" + i, "backup-server", "1", i));
        }
        Instant start = clock.instant();
        Instant deadline = start.plusSeconds(24);
        EventJournal fiveSeconds = event -> {
            clock.advance(Duration.ofSeconds(5));
            return stores.journal().record(event);
        };

        DeliveryApplication.Applied applied = application(fiveSeconds, 1).apply(staged("d".repeat(64), events),
                deadline);

        // Started at 0, 5, 10, 15; one started at 20 would end at 25, after the deadline.
        assertEquals(new DeliveryApplication.Applied(4, 0, 6, false), applied);
        assertTrue(!clock.instant().isAfter(deadline), "every write ended by the deadline");
    }

    /**
     * Random deliveries (two partners, six accounts, two services, sets/adds/subtracts/upserts/deletions at colliding
     * times, ids repeated inside and across deliveries, redeliveries of shuffled parts) applied with 8 lanes through
     * a journal that yields at random: each delivery's accepted/duplicates and every final count must equal the
     * model — the first occurrence of each (partner, id) counts, and a row is the fold of its events and its
     * account's deletions in (occurredAt, event id) order.
     */
    @Test
    void apply_shouldEqualTheInOrderFold_forRandomDeliveriesAppliedInParallelLanes() {
        long first = Long.getLong("delivery.seed", 20251206L);
        int seeds = Long.getLong("delivery.seed") == null ? 40 : 1;
        for (long seed = first; seed < first + seeds; seed++) {
            checkSeed(seed);
        }
    }

    private void checkSeed(long seed) {
        Random random = new Random(seed);
        ConnectorStores fresh = InMemoryStores.create(clock, Duration.ofDays(30));
        EventJournal yielding = event -> {
            for (int i = random(seed, event).nextInt(4); i > 0; i--) {
                Thread.yield();
            }
            return fresh.journal().record(event);
        };
        DeliveryApplication app = new DeliveryApplication(yielding, fresh.ledger(), fresh.partners(), queue,
                DeliveryApplication.NO_ALERT_QUEUE, deliveries, clock, JsonLog.builder().function("test").out(new PrintStream(logs, true,
                StandardCharsets.UTF_8)).clock(clock).build(), 8);
        PartnerId[] partners = {PartnerId.of("p-" + seed + "-a"), PartnerId.of("p-" + seed + "-b")};
        Set<String> seen = new HashSet<>();
        List<VendorEvent> accepted = new ArrayList<>();
        List<VendorEvent> previous = List.of();
        for (int d = 0; d < 4; d++) {
            List<VendorEvent> events = new ArrayList<>();
            if (!previous.isEmpty() && random.nextBoolean()) {
                List<VendorEvent> again = new ArrayList<>(previous);
                Collections.shuffle(again, random);
                events.addAll(again.subList(0, random.nextInt(again.size())));
            }
            while (events.size() < 100 && (events.size() < 20 || random.nextInt(10) > 0)) {
                events.add(randomEvent(random, partners));
            }
            int expectAccepted = 0;
            for (VendorEvent e : events) {
                if (seen.add(e.partnerId().value() + "\u0000" + e.id().value())) {
                    expectAccepted++;
                    accepted.add(e);
                }
            }
            DeliveryApplication.Applied applied = app.apply(staged(String.format("%064x", seed * 16 + d), events),
                    clock.instant().plusSeconds(24));
            assertEquals(new DeliveryApplication.Applied(expectAccepted, events.size() - expectAccepted, 0, true),
                    applied, "seed " + seed + ", delivery " + d);
            previous = events;
        }
        for (PartnerId partner : partners) {
            for (int a = 0; a < 6; a++) {
                for (String service : SERVICES) {
                    UsageRowKey key = new UsageRowKey(partner, AccountId.of("a" + a), ServiceKey.of(service));
                    BigDecimal expected = fold(accepted, key);
                    BigDecimal actual = fresh.ledger().get(key).map(row -> row.count().value()).orElse(BigDecimal.ZERO);
                    assertEquals(0, expected.compareTo(actual), "seed " + seed + " (-Ddelivery.seed=" + seed + "), row "
                            + key + ": model " + expected + ", ledger " + actual);
                }
            }
        }
    }

    /** A per-event random, so the yields do not depend on which thread draws first. */
    private static Random random(long seed, VendorEvent event) {
        return new Random(seed * 31 + event.id().value().hashCode() * 17L + event.partnerId().value().hashCode());
    }

    private static VendorEvent randomEvent(Random random, PartnerId[] partners) {
        PartnerId partner = partners[random.nextInt(partners.length)];
        String id = "e-" + random.nextInt(120);
        String account = "a" + random.nextInt(6);
        String service = SERVICES[random.nextInt(SERVICES.length)];
        long at = random.nextInt(40);
        String qty = Integer.toString(1 + random.nextInt(9));
        int kind = random.nextInt(100);
        if (kind < 30) {
            return TestEvents.set(id, partner, account, service, Integer.toString(random.nextInt(20)), at);
        } else if (kind < 65) {
            return TestEvents.add(id, partner, account, service, qty, at);
        } else if (kind < 88) {
            return TestEvents.subtract(id, partner, account, service, qty, at);
        } else if (kind < 94) {
            return TestEvents.upsert(id, partner, account, "Account " + account, at);
        }
        return TestEvents.delete(id, partner, account, at);
    }

    /** Guarantee 9, written out: the row's usage events and its account's deletions, sorted, applied from 0. */
    private static BigDecimal fold(List<VendorEvent> accepted, UsageRowKey key) {
        List<VendorEvent> events = new ArrayList<>();
        for (VendorEvent e : accepted) {
            if (!e.partnerId().equals(key.partnerId())) {
                continue;
            }
            if (e instanceof VendorEvent.UsageEvent u && u.accountId().equals(key.accountId())
                    && u.service().equals(key.service())) {
                events.add(e);
            } else if (e instanceof VendorEvent.AccountDeleted deleted && deleted.accountId().equals(key.accountId())) {
                events.add(e);
            }
        }
        events.sort(Comparator.comparing(VendorEvent::occurredAt).thenComparing(e -> e.id().value()));
        BigDecimal count = BigDecimal.ZERO;
        for (VendorEvent e : events) {
            count = switch (e) {
                case VendorEvent.UsageSet set -> set.quantity().value();
                case VendorEvent.UsageAdd add -> count.add(add.quantity().value()).min(Quantity.MAX);
                case VendorEvent.UsageSubtract sub -> count.subtract(sub.quantity().value()).max(BigDecimal.ZERO);
                case VendorEvent.AccountDeleted deleted -> BigDecimal.ZERO;
                default -> count;
            };
        }
        return count;
    }
}
