package io.gradientconnector.localrun.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gradientconnector.localrun.template.ScheduleTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleRunnerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T10:00:00.5Z"), ZoneOffset.UTC);

    @Test
    void rate_shouldGiveThePeriod_whenExpressionIsARate() {
        assertEquals(Optional.of(Duration.ofHours(1)), ScheduleRunner.rate("rate(1 hour)"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), ScheduleRunner.rate("rate(5 minutes)"));
        assertEquals(Optional.of(Duration.ofDays(2)), ScheduleRunner.rate(" rate( 2 days ) "));
        assertEquals(Optional.empty(), ScheduleRunner.rate("cron(0 12 * * ? *)"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleRunner.rate("rate(0 minutes)"));
    }

    @Test
    void event_shouldBeAScheduledEvent_whenTheScheduleHasNoInput() throws Exception {
        ScheduleTrigger schedule = new ScheduleTrigger("Fn", "Hourly", "rate(1 hour)", null, true);

        JsonNode event = new ObjectMapper().readTree(ScheduleRunner.event(schedule, "us-east-1", CLOCK));

        assertEquals("Scheduled Event", event.path("detail-type").asText());
        assertEquals("aws.scheduler", event.path("source").asText());
        assertEquals("2025-01-01T10:00:00Z", event.path("time").asText());
        assertEquals("us-east-1", event.path("region").asText());
        assertEquals(0, event.path("detail").size());
    }

    @Test
    void event_shouldBeTheInput_whenTheScheduleHasOne() {
        ScheduleTrigger schedule = new ScheduleTrigger("Fn", "Hourly", "rate(1 hour)", "{\"a\":1}", true);

        assertEquals("{\"a\":1}", new String(ScheduleRunner.event(schedule, "us-east-1", CLOCK),
                StandardCharsets.UTF_8));
    }
}
