package io.gradientconnector.usagepush;

import io.gradientconnector.lambda.ServiceCatalogFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.domain.AccountId;
import io.gradientconnector.domain.PartnerId;
import io.gradientconnector.domain.ServiceCatalog;
import io.gradientconnector.domain.ServiceKey;
import io.gradientconnector.sandbox.FaultPlan;
import io.gradientconnector.sandbox.RecordedRequest;
import io.gradientconnector.domain.LedgerRow;
import io.gradientconnector.domain.PushState;
import io.gradientconnector.domain.UsageRowKey;
import io.gradientconnector.testing.AwsEmulator;
import io.gradientconnector.testing.MutableClock;
import io.gradientconnector.app.usage.GradientFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance of the usage path (issue: "Usage-change webhooks"): signed deliveries on the emulator's DynamoDB and
 * SQS, the real worker, the sandbox over HTTP. Every final count in Gradient is compared with one computed here,
 * independently of the connector, by applying the accepted events in time order.
 */
class UsagePipelineIT {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final MutableClock CLOCK = MutableClock.at("2025-03-01T12:00:00Z");
    private static final Instant STREAM_START = Instant.parse("2025-03-01T10:00:00Z");
    private static final ServiceCatalog CATALOG = ServiceCatalogFile.example();
    private static final List<String> SERVICES = List.of("backup-server", "backup-workstation");
    private static final List<String> MAPPED = List.of("a1", "a2");
    private static GradientFixture gradient;

    private Pipeline pipeline;

    /** One vendor event of the stream; {@code second} is its occurredAt, seconds after the stream start. */
    private record Event(String id, String type, String account, String service, String quantity, long second) {
        String json(PartnerId partner) {
            StringBuilder json = new StringBuilder("{\"id\":\"").append(id).append("\",\"type\":\"").append(type)
                    .append("\",\"partnerId\":\"").append(partner.value()).append("\",\"occurredAt\":\"")
                    .append(STREAM_START.plusSeconds(second)).append("\",\"accountId\":\"").append(account).append('"');
            if (service != null) {
                json.append(",\"service\":\"").append(service).append("\",\"quantity\":").append(quantity);
            }
            return json.append('}').toString();
        }
    }

    @BeforeAll
    static void startSandbox() {
        gradient = GradientFixture.start(CLOCK);
    }

    @AfterAll
    static void stopSandbox() {
        gradient.close();
    }

    @BeforeEach
    void setUp() {
        gradient.control().clearFaults();
        GradientFixture.Partner partner = gradient.partner(CATALOG, SERVICES, List.of("a1", "a2", "a3"), MAPPED);
        pipeline = new Pipeline(AWS, CLOCK, gradient, partner);
    }

    // ---- the stream and its independently computed result ----------------------------------------

    /** Usage events on 2 mapped accounts × 2 services plus one deletion of a2 mid-stream, all at distinct times. */
    private static List<Event> stream(long seed, int usageEvents) {
        Random random = new Random(seed);
        List<Long> seconds = new ArrayList<>();
        for (long s = 1; s <= usageEvents + 1; s++) {
            seconds.add(s);
        }
        Collections.shuffle(seconds, random);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < usageEvents; i++) {
            int kind = random.nextInt(20);
            String type = kind < 5 ? "usage.set" : kind < 13 ? "usage.add" : "usage.subtract";
            String quantity = (type.equals("usage.set") ? random.nextInt(30) : 1 + random.nextInt(12))
                    + (random.nextInt(4) == 0 ? ".25" : "");
            events.add(new Event(String.format("u-%s-%03d", seed, i), type, MAPPED.get(random.nextInt(2)),
                    SERVICES.get(random.nextInt(2)), quantity, seconds.get(i)));
        }
        // The deletion gets a random time among the usage events', and arrives wherever the shuffle puts it.
        events.add(new Event("d-" + seed, "account.deleted", "a2", null, null, seconds.get(usageEvents)));
        return events;
    }

    /** The count of every (account, service) that has usage: the events applied in time order; a deletion sets 0. */
    private static Map<String, BigDecimal> expected(List<Event> events) {
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(Event::second).thenComparing(Event::id));
        Map<String, BigDecimal> counts = new LinkedHashMap<>();
        for (Event e : ordered) {
            if (e.type().equals("account.deleted")) {
                counts.replaceAll((row, count) -> row.startsWith(e.account() + "/") ? BigDecimal.ZERO : count);
                continue;
            }
            String row = e.account() + "/" + e.service();
            BigDecimal current = counts.getOrDefault(row, BigDecimal.ZERO);
            BigDecimal quantity = new BigDecimal(e.quantity());
            counts.put(row, switch (e.type()) {
                case "usage.set" -> quantity;
                case "usage.add" -> current.add(quantity);
                default -> current.subtract(quantity).max(BigDecimal.ZERO);
            });
        }
        // A row that only ever saw events before its account's deletion still exists (zeroed).
        for (Event e : events) {
            if (e.service() != null) {
                counts.putIfAbsent(e.account() + "/" + e.service(), BigDecimal.ZERO);
            }
        }
        return counts;
    }

    /** Deliveries in a shuffled order, in batches of 1 to 10, with some events and one whole batch sent again. */
    private static List<List<Event>> deliveries(List<Event> events, long seed) {
        Random random = new Random(seed * 31 + 7);
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        List<List<Event>> batches = new ArrayList<>();
        for (int start = 0; start < shuffled.size(); ) {
            int size = 1 + random.nextInt(10);
            batches.add(List.copyOf(shuffled.subList(start, Math.min(shuffled.size(), start + size))));
            start += size;
        }
        List<Event> again = new ArrayList<>();
        for (int i = 0; i < events.size() / 5; i++) {
            again.add(events.get(random.nextInt(events.size())));
        }
        batches.add(random.nextInt(batches.size()), again);
        batches.add(batches.get(random.nextInt(batches.size())));
        return batches;
    }

    private void assertGradientHolds(Map<String, BigDecimal> expected) {
        for (Map.Entry<String, BigDecimal> row : expected.entrySet()) {
            String[] parts = row.getKey().split("/");
            Optional<BigDecimal> actual = gradient.count(pipeline.sandboxPartner, parts[0], parts[1]);
            BigDecimal held = actual.orElse(BigDecimal.ZERO);
            assertEquals(0, row.getValue().compareTo(held), row.getKey() + ": expected " + row.getValue() + ", Gradient holds "
                    + actual.map(BigDecimal::toPlainString).orElse("nothing"));
        }
        assertEquals(0, pipeline.deadLetters(), "nothing may end in the dead-letter queue");
    }

    private void deliverAll(List<List<Event>> batches) {
        for (List<Event> batch : batches) {
            pipeline.deliver(batch.stream().map(e -> e.json(pipeline.partnerId)).toList());
        }
    }

    // ---- acceptance -------------------------------------------------------------------------------

    @Test
    void stream_shouldEndWithExactCountsInGradient_whenEventsArriveReorderedAndDuplicated() {
        List<Event> events = stream(11, 70);
        List<List<Event>> batches = deliveries(events, 11);
        for (int i = 0; i < batches.size(); i++) {
            pipeline.deliver(batches.get(i).stream().map(e -> e.json(pipeline.partnerId)).toList());
            if (i % 4 == 3) {
                pipeline.drainRound(); // the worker runs while the stream is still arriving
            }
        }
        pipeline.drainUntilEmpty(5);

        assertGradientHolds(expected(events));
        LedgerRow row = pipeline.components.stores().ledger()
                .get(new UsageRowKey(pipeline.partnerId, AccountId.of("a1"), ServiceKey.of("backup-server"))).orElseThrow();
        assertEquals(PushState.PUSHED, row.pushState());
    }

    @Test
    void stream_shouldLoseNothing_whenGradientIsDownInTheMiddleOfIt() {
        List<Event> events = stream(23, 50);
        List<List<Event>> batches = deliveries(events, 23);
        int half = batches.size() / 2;
        deliverAll(batches.subList(0, half));
        pipeline.drainRound();

        gradient.control().faults(FaultPlan.builder().outageSeconds(60).build());
        deliverAll(batches.subList(half, batches.size()));
        int failed = pipeline.drainRound();
        assertTrue(failed > 0, "the outage must have failed some pushes");
        assertEquals(0, pipeline.deadLetters());

        CLOCK.advance(Duration.ofSeconds(61)); // the outage ends
        pipeline.drainUntilEmpty(5);

        assertGradientHolds(expected(events));
    }

    @Test
    void unmapped_shouldBeRecordedAndAcked_whenGradientAnswers404() {
        pipeline.deliver(List.of(new Event("x-1", "usage.set", "a3", "backup-server", "5", 1).json(pipeline.partnerId)));
        pipeline.deliver(List.of(new Event("x-2", "usage.add", "a3", "backup-server", "2", 2).json(pipeline.partnerId)));

        pipeline.drainUntilEmpty(3);
        int invocations = pipeline.invocations;
        pipeline.drainRound();

        LedgerRow row = pipeline.components.stores().ledger()
                .get(new UsageRowKey(pipeline.partnerId, AccountId.of("a3"), ServiceKey.of("backup-server"))).orElseThrow();
        assertEquals(PushState.UNMAPPED, row.pushState());
        assertEquals(0, pipeline.visibleMessages());
        assertEquals(0, pipeline.deadLetters());
        assertEquals(invocations, pipeline.invocations, "nothing comes back to the worker");
        List<RecordedRequest> pushes = gradient.control().requests().stream()
                .filter(r -> r.path().endsWith("/count") && r.body() != null && "a3".equals(r.body().path("accountId").asText()))
                .toList();
        assertTrue(!pushes.isEmpty() && pushes.size() <= 2, "one push per message at most, was " + pushes.size());
        assertTrue(pushes.stream().allMatch(r -> r.status() == 404));
    }

    @Test
    void decrements_shouldPushZero_whenACountFallsToZeroOrItsAccountIsDeleted() {
        pipeline.deliver(List.of(
                new Event("z-1", "usage.set", "a1", "backup-server", "5", 1).json(pipeline.partnerId),
                new Event("z-2", "usage.set", "a2", "backup-server", "3", 2).json(pipeline.partnerId),
                new Event("z-3", "usage.add", "a2", "backup-workstation", "4", 3).json(pipeline.partnerId)));
        pipeline.drainUntilEmpty(3);
        assertEquals(0, new BigDecimal("4").compareTo(gradient.count(pipeline.sandboxPartner, "a2", "backup-workstation").orElseThrow()));

        pipeline.deliver(List.of(
                new Event("z-4", "usage.subtract", "a1", "backup-server", "5", 4).json(pipeline.partnerId),
                new Event("z-5", "account.deleted", "a2", null, null, 5).json(pipeline.partnerId)));
        pipeline.drainUntilEmpty(3);

        assertGradientHolds(Map.of("a1/backup-server", BigDecimal.ZERO, "a2/backup-server", BigDecimal.ZERO,
                "a2/backup-workstation", BigDecimal.ZERO));
        assertTrue(gradient.count(pipeline.sandboxPartner, "a1", "backup-server").isPresent(), "0 is pushed, not skipped");
        assertTrue(gradient.count(pipeline.sandboxPartner, "a2", "backup-workstation").isPresent());
    }
}
