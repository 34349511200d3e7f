package io.gradientconnector.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private final Workload workload = new Workload(7, List.of("p0", "p1"), 3, List.of("s1", "s2"), NOW);

    @Test
    void deliveries_shouldCarryEveryEventAndRepeatSome_whenCut() {
        Set<String> delivered = new HashSet<>();
        int sent = 0;
        for (List<Workload.Event> delivery : workload.deliveries()) {
            delivery.forEach(e -> delivered.add(e.id()));
            sent += delivery.size();
        }

        assertEquals(workload.events().size(), delivered.size(), "every event is delivered");
        assertTrue(sent > workload.events().size(), "some are delivered again");
        assertTrue(workload.events().stream().allMatch(e -> !e.occurredAt().isAfter(NOW)), "none in the future");
    }

    @Test
    void expected_shouldApplyEachRowsEventsInTimeOrder_withSubtractFlooredAtZero() {
        Map<String, Long> expected = workload.expected();

        assertEquals(2 * 3 * 2, expected.size());
        for (Map.Entry<String, Long> row : expected.entrySet()) {
            List<Workload.Event> events = workload.events().stream().filter(e -> row.getKey().equals(e.rowKey()))
                    .sorted(Comparator.comparing(Workload.Event::occurredAt)).toList();
            assertEquals("usage.set", events.get(0).type(), "every row starts with a set");
            long count = 0;
            for (Workload.Event e : events) {
                long q = e.json().path("quantity").asLong();
                count = e.type().equals("usage.set") ? q : e.type().equals("usage.add") ? count + q : Math.max(0, count - q);
            }
            assertEquals(count, row.getValue(), row.getKey());
        }
    }
}
