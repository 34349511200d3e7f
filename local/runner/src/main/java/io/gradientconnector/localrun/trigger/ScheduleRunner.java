package io.gradientconnector.localrun.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradientconnector.localrun.ConsoleLog;
import io.gradientconnector.localrun.function.FunctionInvoker;
import io.gradientconnector.localrun.function.InvocationResult;
import io.gradientconnector.localrun.template.ScheduleTrigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the template's {@code Schedule}/{@code ScheduleV2} events locally: each enabled schedule fires once
 * {@code firstRun} after start, then every period: the {@code rate(...)} of its expression, or
 * {@code LOCAL_SCHEDULE_SECONDS} when set (which also gives {@code cron(...)} schedules a period; without it they
 * fire only once). The event is the schedule's {@code Input} when it has one, else a scheduled-event document
 * ({@code source: aws.scheduler}). Thread-safe; {@link #close()} stops it.
 */
public final class ScheduleRunner implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScheduledExecutorService executor;

    private ScheduleRunner(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * @param periodOverride replaces every schedule's period (LOCAL_SCHEDULE_SECONDS), if present
     */
    public static ScheduleRunner start(List<ScheduleTrigger> schedules, FunctionInvoker functions,
                                       Optional<Duration> periodOverride, Duration firstRun, String region,
                                       Clock clock, ConsoleLog console) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "schedules");
            thread.setDaemon(true);
            return thread;
        });
        for (ScheduleTrigger schedule : schedules) {
            if (!schedule.enabled()) {
                console.info("schedule " + schedule.functionId() + "." + schedule.eventName() + " is disabled");
                continue;
            }
            Optional<Duration> period = periodOverride.or(() -> rate(schedule.expression()));
            Runnable fire = () -> fire(schedule, functions, region, clock, console);
            if (period.isPresent()) {
                executor.scheduleWithFixedDelay(fire, firstRun.toMillis(), period.get().toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                executor.schedule(fire, firstRun.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return new ScheduleRunner(executor);
    }

    /** The period of a {@code rate(...)} expression; empty for {@code cron(...)} and {@code at(...)}. */
    public static Optional<Duration> rate(String expression) {
        Matcher matcher = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount < 1) {
            throw new IllegalArgumentException("a rate must be at least 1: " + expression);
        }
        return Optional.of(switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    static byte[] event(ScheduleTrigger schedule, String region, Clock clock) {
        if (schedule.input() != null) {
            return schedule.input().getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.scheduler");
        event.put("account", "123456789012");
        event.put("time", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add("arn:aws:scheduler:" + region + ":123456789012:schedule/local/"
                + schedule.functionId() + "-" + schedule.eventName());
        event.putObject("detail");
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the scheduled event", e);
        }
    }

    private static void fire(ScheduleTrigger schedule, FunctionInvoker functions, String region, Clock clock,
                             ConsoleLog console) {
        try {
            InvocationResult result = functions.invoke(schedule.functionId(), event(schedule, region, clock));
            console.line(schedule.functionId(), "schedule " + schedule.eventName() + " (" + schedule.expression()
                    + "): " + (result.ok() ? "done" : result.status() + " " + result.text()));
        } catch (RuntimeException e) {
            console.line(schedule.functionId(), "schedule " + schedule.eventName() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
