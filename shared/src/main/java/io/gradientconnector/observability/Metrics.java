package io.gradientconnector.observability;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Metrics as CloudWatch Embedded Metric Format (EMF) documents on stdout: CloudWatch Logs turns
 * each line into metrics asynchronously, so recording costs no API call and no latency.
 *
 * <p>Values accumulate until {@link #flush()}, which writes one document (nothing when nothing was
 * recorded). Handlers flush once per invocation in a {@code finally}. Counts are summed; other units
 * keep every value as an EMF value array. The only dimension is {@code Function} (the short function
 * name): partner ids are deliberately not dimensions — every partner would be a new, billed metric
 * series — and belong in log fields instead.
 *
 * <pre>{@code
 * {"_aws":{"Timestamp":1735689600000,"CloudWatchMetrics":[{"Namespace":"GradientConnector",
 *   "Dimensions":[["Function"]],"Metrics":[{"Name":"pushes","Unit":"Count"}]}]},
 *  "Function":"usage-push","pushes":3}
 * }</pre>
 *
 * <p>EMF limits are respected: at most 100 metrics per document and 100 values per metric; past
 * either, {@link #flush()} or the recording call writes extra documents rather than losing data.
 *
 * <p>Thread-safe: every method synchronises on this instance.
 */
public final class Metrics {

    /** The environment variable holding the namespace. */
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
    /** Powertools' name for the namespace; when set it wins over {@link #METRICS_NAMESPACE}. */
    public static final String POWERTOOLS_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String DEFAULT_NAMESPACE = "GradientConnector";
    /** The single dimension every metric carries. */
    public static final String FUNCTION_DIMENSION = "Function";

    static final int MAX_METRICS_PER_DOCUMENT = 100;
    static final int MAX_VALUES_PER_METRIC = 100;

    // CloudWatch namespace rules: printable subset, 1..255, and the AWS/ prefix is reserved.
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9.\\-_/#:]{1,255}");

    private final PrintStream out;
    private final Clock clock;
    private final String namespace;
    private final String function;
    private final Map<String, Series> pending = new LinkedHashMap<>();

    /** The recorded values of one metric since the last flush. */
    private static final class Series {
        final Metric metric;
        double sum;
        final List<Double> values = new ArrayList<>();

        Series(Metric metric) {
            this.metric = metric;
        }
    }

    private Metrics(PrintStream out, Clock clock, String namespace, String function) {
        this.out = out;
        this.clock = clock;
        this.namespace = namespace;
        this.function = function;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The metrics a handler builds once per container: namespace from {@code POWERTOOLS_METRICS_NAMESPACE} when set
     * (operators' Powertools habit; the template never sets it, so it overrides), else {@code METRICS_NAMESPACE}.
     */
    public static Metrics fromEnvironment(Map<String, String> env, String function, PrintStream out, Clock clock) {
        String variable = JsonLog.firstSet(env, POWERTOOLS_METRICS_NAMESPACE) != null
                ? POWERTOOLS_METRICS_NAMESPACE : METRICS_NAMESPACE;
        String ns = JsonLog.firstSet(env, variable);
        try {
            return builder()
                    .namespace(ns == null ? DEFAULT_NAMESPACE : ns)
                    .function(function).out(out).clock(clock).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(METRICS_NAMESPACE, variable), e);
        }
    }

    public String namespace() {
        return namespace;
    }

    /** Adds one to a count metric. */
    public void count(Metric metric) {
        count(metric, 1);
    }

    /** Adds {@code n} (zero allowed: it makes the metric appear with value 0) to a count metric. */
    public synchronized void count(Metric metric, long n) {
        requireUnit(metric, MetricUnit.COUNT);
        if (n < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + metric.name());
        }
        series(metric).sum += n;
    }

    /** Records one duration for a millisecond metric (sub-millisecond precision kept). */
    public void duration(Metric metric, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must be >= 0: " + metric.name());
        }
        record(metric, duration.toNanos() / 1_000_000.0);
    }

    /** Records one value for a non-count metric. */
    public synchronized void record(Metric metric, double value) {
        Objects.requireNonNull(metric, "metric");
        if (metric.unit() == MetricUnit.COUNT) {
            throw new IllegalArgumentException("use count() for a Count metric: " + metric.name());
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric value must be finite: " + metric.name());
        }
        Series s = series(metric);
        if (s.values.size() >= MAX_VALUES_PER_METRIC) {
            flush();
            s = series(metric);
        }
        s.values.add(value);
    }

    /** Writes what was recorded since the last flush as one EMF document and starts afresh. */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Series> all = new ArrayList<>(pending.values());
        pending.clear();
        long timestamp = clock.millis();
        for (int from = 0; from < all.size(); from += MAX_METRICS_PER_DOCUMENT) {
            out.println(document(timestamp, all.subList(from, Math.min(all.size(), from + MAX_METRICS_PER_DOCUMENT))));
        }
    }

    @Override
    public String toString() {
        return "Metrics[namespace=" + namespace + ", function=" + function + "]";
    }

    private Series series(Metric metric) {
        Series s = pending.computeIfAbsent(metric.name(), k -> new Series(metric));
        if (!s.metric.equals(metric)) {
            throw new IllegalArgumentException("metric " + metric.name() + " already recorded with unit "
                    + s.metric.unit().cloudWatchName());
        }
        return s;
    }

    private static void requireUnit(Metric metric, MetricUnit unit) {
        Objects.requireNonNull(metric, "metric");
        if (metric.unit() != unit) {
            throw new IllegalArgumentException("metric " + metric.name() + " has unit "
                    + metric.unit().cloudWatchName() + ", not " + unit.cloudWatchName());
        }
    }

    private String document(long timestamp, List<Series> series) {
        StringBuilder doc = new StringBuilder(256);
        doc.append("{\"_aws\":{\"Timestamp\":").append(timestamp);
        doc.append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        Json.string(doc, namespace);
        doc.append(",\"Dimensions\":[[");
        Json.string(doc, FUNCTION_DIMENSION);
        doc.append("]],\"Metrics\":[");
        for (int i = 0; i < series.size(); i++) {
            Metric m = series.get(i).metric;
            doc.append(i == 0 ? "" : ",").append("{\"Name\":");
            Json.string(doc, m.name()).append(",\"Unit\":");
            Json.string(doc, m.unit().cloudWatchName()).append('}');
        }
        doc.append("]}]},");
        Json.string(doc, FUNCTION_DIMENSION).append(':');
        Json.string(doc, function);
        for (Series s : series) {
            doc.append(',');
            Json.string(doc, s.metric.name()).append(':');
            if (s.metric.unit() == MetricUnit.COUNT) {
                Json.number(doc, s.sum);
            } else if (s.values.size() == 1) {
                Json.number(doc, s.values.get(0));
            } else {
                doc.append('[');
                for (int i = 0; i < s.values.size(); i++) {
                    Json.number(i == 0 ? doc : doc.append(','), s.values.get(i));
                }
                doc.append(']');
            }
        }
        return doc.append('}').toString();
    }

    /** Builds {@link Metrics}; {@code function}, {@code out} and {@code clock} are required. */
    public static final class Builder {
        private PrintStream out;
        private Clock clock;
        private String namespace = DEFAULT_NAMESPACE;
        private String function;

        private Builder() {
        }

        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder function(String function) {
            this.function = function;
            return this;
        }

        public Metrics build() {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(clock, "clock");
            if (namespace == null || !NAMESPACE.matcher(namespace).matches() || namespace.startsWith("AWS/")) {
                throw new IllegalArgumentException(METRICS_NAMESPACE
                        + " must be 1-255 characters of [A-Za-z0-9.-_/#:] and not start with AWS/");
            }
            if (function == null || function.isBlank()) {
                throw new IllegalArgumentException("function is required");
            }
            return new Metrics(out, clock, namespace, function);
        }
    }
}
