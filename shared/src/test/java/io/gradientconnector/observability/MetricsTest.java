package io.gradientconnector.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private Metrics metrics() {
        return Metrics.builder().function("usage-push").out(out).clock(CLOCK).build();
    }

    private List<JsonNode> documents() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                docs.add(JSON.readTree(line.strip()));
            }
        }
        return docs;
    }

    /** Asserts the _aws block per the EMF specification and returns the metric definitions. */
    private static JsonNode assertEmfStructure(JsonNode doc, String namespace) {
        JsonNode aws = doc.get("_aws");
        assertTrue(aws.isObject());
        assertTrue(aws.get("Timestamp").isIntegralNumber());
        assertEquals(NOW.toEpochMilli(), aws.get("Timestamp").asLong());
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertTrue(directives.isArray());
        assertEquals(1, directives.size());
        JsonNode directive = directives.get(0);
        assertEquals(namespace, directive.get("Namespace").asText());
        JsonNode dimensions = directive.get("Dimensions");
        assertTrue(dimensions.isArray());
        assertEquals(1, dimensions.size());
        assertTrue(dimensions.get(0).isArray());
        assertEquals("Function", dimensions.get(0).get(0).asText());
        assertEquals(1, dimensions.get(0).size());
        // Every dimension key names a string property of the root object.
        assertTrue(doc.get("Function").isTextual());
        JsonNode defs = directive.get("Metrics");
        assertTrue(defs.isArray());
        for (JsonNode def : defs) {
            assertTrue(def.get("Name").isTextual());
            assertTrue(def.get("Unit").isTextual());
            // Every metric definition has a numeric value (or array of numbers) at the root.
            JsonNode value = doc.get(def.get("Name").asText());
            assertTrue(value.isNumber() || value.isArray(), "value for " + def.get("Name"));
        }
        return defs;
    }

    @Test
    void flush_shouldWriteOneEmfDocument_withTheAwsBlockPerTheSpec() throws Exception {
        Metrics metrics = metrics();
        metrics.count(Metric.PUSHES);
        metrics.count(Metric.PUSHES, 2);
        metrics.count(Metric.UNMAPPED);
        metrics.duration(Metric.SYNC_DURATION_MS, Duration.ofMillis(1500));

        metrics.flush();

        List<JsonNode> docs = documents();
        assertEquals(1, docs.size());
        JsonNode doc = docs.get(0);
        JsonNode defs = assertEmfStructure(doc, "GradientConnector");
        assertEquals(3, defs.size());
        assertEquals("pushes", defs.get(0).get("Name").asText());
        assertEquals("Count", defs.get(0).get("Unit").asText());
        assertEquals("syncDurationMs", defs.get(2).get("Name").asText());
        assertEquals("Milliseconds", defs.get(2).get("Unit").asText());
        assertEquals("usage-push", doc.get("Function").asText());
        assertEquals(3, doc.get("pushes").asLong());
        assertEquals(1, doc.get("unmapped").asLong());
        assertEquals(1500.0, doc.get("syncDurationMs").asDouble());
        // Nothing but _aws, the dimension and the three metrics.
        assertEquals(5, doc.size());
    }

    @Test
    void duration_shouldKeepEveryValueAsAnArray_whenRecordedSeveralTimes() throws Exception {
        Metrics metrics = metrics();
        metrics.duration(Metric.SYNC_DURATION_MS, Duration.ofMillis(10));
        metrics.duration(Metric.SYNC_DURATION_MS, Duration.ofNanos(2_500_000));

        metrics.flush();

        JsonNode values = documents().get(0).get("syncDurationMs");
        assertTrue(values.isArray());
        assertEquals(10.0, values.get(0).asDouble());
        assertEquals(2.5, values.get(1).asDouble());
    }

    @Test
    void flush_shouldWriteNothing_whenNothingWasRecorded() throws Exception {
        metrics().flush();

        assertEquals(0, documents().size());
    }

    @Test
    void flush_shouldStartAfresh_whenCalledAgain() throws Exception {
        Metrics metrics = metrics();
        metrics.count(Metric.EVENTS_ACCEPTED, 5);
        metrics.flush();
        metrics.count(Metric.DUPLICATES);
        metrics.flush();
        metrics.flush();

        List<JsonNode> docs = documents();
        assertEquals(2, docs.size());
        assertEquals(5, docs.get(0).get("eventsAccepted").asLong());
        assertFalse(docs.get(1).has("eventsAccepted"));
        assertEquals(1, docs.get(1).get("duplicates").asLong());
    }

    @Test
    void count_shouldEmitZero_whenCountedWithZero() throws Exception {
        Metrics metrics = metrics();
        metrics.count(Metric.FAILURES, 0);

        metrics.flush();

        JsonNode doc = documents().get(0);
        assertEquals(0, doc.get("failures").asLong());
        assertTrue(doc.get("failures").isIntegralNumber());
    }

    @Test
    void fromEnvironment_shouldUseMetricsNamespace_whenSet() throws Exception {
        Metrics metrics = Metrics.fromEnvironment(Map.of("METRICS_NAMESPACE", "Vendor/Connector"), "vendor-events", out, CLOCK);
        metrics.count(Metric.THROTTLED_RETRIES);

        metrics.flush();

        JsonNode doc = documents().get(0);
        assertEmfStructure(doc, "Vendor/Connector");
        assertEquals("vendor-events", doc.get("Function").asText());
    }

    @Test
    void fromEnvironment_shouldDefaultTheNamespace_whenUnset() {
        assertEquals("GradientConnector", Metrics.fromEnvironment(Map.of(), "f", out, CLOCK).namespace());
    }

    @Test
    void build_shouldFailNamingTheVariable_whenNamespaceInvalid() {
        for (String bad : List.of("", "AWS/Lambda", "has space", "x".repeat(256))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Metrics.fromEnvironment(Map.of("METRICS_NAMESPACE", bad.isEmpty() ? "ä" : bad), "f", out, CLOCK));
            assertTrue(e.getMessage().contains("METRICS_NAMESPACE"));
        }
    }

    @Test
    void count_shouldReject_whenMetricIsNotACountOrNegative() {
        Metrics metrics = metrics();

        assertThrows(IllegalArgumentException.class, () -> metrics.count(Metric.SYNC_DURATION_MS));
        assertThrows(IllegalArgumentException.class, () -> metrics.count(Metric.PUSHES, -1));
        assertThrows(IllegalArgumentException.class, () -> metrics.record(Metric.PUSHES, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.record(Metric.SYNC_DURATION_MS, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> metrics.duration(Metric.SYNC_DURATION_MS, Duration.ofMillis(-1)));
    }

    @Test
    void count_shouldReject_whenTheSameNameWasRecordedWithAnotherUnit() {
        Metrics metrics = metrics();
        metrics.count(Metric.of("pushDuration", MetricUnit.COUNT));

        assertThrows(IllegalArgumentException.class,
                () -> metrics.record(Metric.of("pushDuration", MetricUnit.MILLISECONDS), 3));
    }

    @Test
    void record_shouldFlushEarly_whenAMetricReachesTheEmfValueLimit() throws Exception {
        Metrics metrics = metrics();
        for (int i = 0; i < Metrics.MAX_VALUES_PER_METRIC + 1; i++) {
            metrics.record(Metric.SYNC_DURATION_MS, i);
        }
        metrics.flush();

        List<JsonNode> docs = documents();
        assertEquals(2, docs.size());
        assertEquals(Metrics.MAX_VALUES_PER_METRIC, docs.get(0).get("syncDurationMs").size());
        assertEquals(100.0, docs.get(1).get("syncDurationMs").asDouble());
    }

    @Test
    void flush_shouldSplitDocuments_whenMoreThanOneHundredMetrics() throws Exception {
        Metrics metrics = metrics();
        for (int i = 0; i < 150; i++) {
            metrics.count(Metric.of("m" + i, MetricUnit.COUNT));
        }

        metrics.flush();

        List<JsonNode> docs = documents();
        assertEquals(2, docs.size());
        assertEquals(100, assertEmfStructure(docs.get(0), "GradientConnector").size());
        assertEquals(50, assertEmfStructure(docs.get(1), "GradientConnector").size());
        Iterator<String> names = docs.get(1).fieldNames();
        assertEquals("_aws", names.next());
    }

    @Test
    void metric_shouldReject_whenNameInvalidOrCollidesWithTheDimension() {
        assertThrows(IllegalArgumentException.class, () -> Metric.of("Function", MetricUnit.COUNT));
        assertThrows(IllegalArgumentException.class, () -> Metric.of("_aws", MetricUnit.COUNT));
        assertThrows(IllegalArgumentException.class, () -> Metric.of("a b", MetricUnit.COUNT));
    }

    @Test
    void metric_shouldDefineTheConnectorsMetrics() {
        assertEquals(List.of("pushes", "unmapped", "failures", "throttledRetries", "syncDurationMs",
                        "eventsAccepted", "duplicates"),
                List.of(Metric.PUSHES, Metric.UNMAPPED, Metric.FAILURES, Metric.THROTTLED_RETRIES,
                        Metric.SYNC_DURATION_MS, Metric.EVENTS_ACCEPTED, Metric.DUPLICATES)
                        .stream().map(Metric::name).toList());
        assertEquals(MetricUnit.MILLISECONDS, Metric.SYNC_DURATION_MS.unit());
    }

    @Test
    void fromEnvironment_shouldPreferPowertoolsNamespace_whenSet() {
        assertEquals("Ops/Connector", Metrics.fromEnvironment(Map.of("METRICS_NAMESPACE", "GradientConnector",
                "POWERTOOLS_METRICS_NAMESPACE", "Ops/Connector"), "f", out, CLOCK).namespace());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.fromEnvironment(Map.of("POWERTOOLS_METRICS_NAMESPACE", "AWS/Lambda"), "f", out, CLOCK));
        assertTrue(e.getMessage().startsWith("POWERTOOLS_METRICS_NAMESPACE"), e.getMessage());
    }
}
