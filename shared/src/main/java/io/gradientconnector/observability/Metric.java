package io.gradientconnector.observability;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric's name and unit. The constants are the connector's metrics; a function may define
 * others with {@link #of}. A {@link MetricUnit#COUNT} metric is summed per flush, any other unit
 * keeps every value (CloudWatch computes the statistics).
 */
public record Metric(String name, MetricUnit unit) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");

    /** Counts sent to Gradient successfully. */
    public static final Metric PUSHES = new Metric("pushes", MetricUnit.COUNT);
    /** Pushes Gradient answered "not mapped" (404): recorded, retried by the next account sync. */
    public static final Metric UNMAPPED = new Metric("unmapped", MetricUnit.COUNT);
    /** Operations that failed after retries (a message returned to the queue, an error answer). */
    public static final Metric FAILURES = new Metric("failures", MetricUnit.COUNT);
    /** 429 answers from Gradient that were retried after a backoff. */
    public static final Metric THROTTLED_RETRIES = new Metric("throttledRetries", MetricUnit.COUNT);
    /** Wall time of one partner's account sync. */
    public static final Metric SYNC_DURATION_MS = new Metric("syncDurationMs", MetricUnit.MILLISECONDS);
    /** Webhook events durably recorded. */
    public static final Metric EVENTS_ACCEPTED = new Metric("eventsAccepted", MetricUnit.COUNT);
    /** Webhook events whose id had been recorded before (changed nothing). */
    public static final Metric DUPLICATES = new Metric("duplicates", MetricUnit.COUNT);
    /** Calls to Gradient (each attempt takes one rate-limiter permit). */
    public static final Metric GRADIENT_CALLS = new Metric("gradientCalls", MetricUnit.COUNT);
    /**
     * Calls the shared rate budget made wait for a permit: when nearly every call waits, Gradient calls run at the
     * budget's rate (rateLimitWaits / gradientCalls is the saturation).
     */
    public static final Metric RATE_LIMIT_WAITS = new Metric("rateLimitWaits", MetricUnit.COUNT);
    /** 429 answers that made the shared rate budget pause for their Retry-After, in every container. */
    public static final Metric RATE_BUDGET_BACK_OFFS = new Metric("rateBudgetBackOffs", MetricUnit.COUNT);

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name must match " + NAME.pattern() + ": " + name);
        }
        if (name.equals(Metrics.FUNCTION_DIMENSION)) {
            throw new IllegalArgumentException("metric name collides with the dimension: " + name);
        }
    }

    public static Metric of(String name, MetricUnit unit) {
        return new Metric(name, unit);
    }
}
