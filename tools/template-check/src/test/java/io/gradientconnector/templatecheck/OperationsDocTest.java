package io.gradientconnector.templatecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradientconnector.cfn.CfnYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/OPERATIONS.md against the code and template.yaml: every metric the code defines is documented with its unit,
 * none is recorded from two places, and every alarm and dashboard metric names a metric that exists, emitted by the
 * function its dimension names; every alarm has a runbook line and a place on the dashboard.
 */
class OperationsDocTest {

    private static final Pattern METRIC_DEFINITION = Pattern.compile(
            "(?:static\\s+final\\s+Metric\\s+(\\w+)\\s*=\\s*)?(?:new\\s+Metric|Metric\\.of)\\(\\s*\"([^\"]+)\"\\s*,\\s*MetricUnit\\.(\\w+)");
    private static final Pattern METRIC_USE = Pattern.compile("\\b(?:count|duration|record)\\(\\s*(?:Metric\\.)?([A-Z][A-Z0-9_]*)\\b");
    private static final Set<String> FUNCTIONS = Set.of("partner-key", "vendor-events", "usage-push",
            "account-sync-schedule", "account-sync-worker", "alert-dispatch");
    /** AWS metrics the alarms and dashboard may use, by namespace. */
    private static final Map<String, Set<String>> AWS_METRICS = Map.of(
            "AWS/Lambda", Set.of("Errors", "Throttles", "Duration", "Invocations", "ConcurrentExecutions"),
            "AWS/SQS", Set.of("ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                    "NumberOfMessagesSent", "NumberOfMessagesDeleted"),
            "AWS/ApiGateway", Set.of("Count", "4XXError", "5XXError", "Latency", "IntegrationLatency"));
    private static final String NAMESPACE_PARAMETER = "MetricsNamespace";

    private static Path root;
    private static Template template;
    private static String operations;

    /** A documented metric. */
    record DocumentedMetric(String unit, String dimensions, String meaning, Set<String> emittedBy) {
    }

    @BeforeAll
    static void load() throws IOException {
        root = CodeScan.repositoryRoot();
        template = new Template(CfnYaml.load(root.resolve("template.yaml")));
        operations = Files.readString(root.resolve("docs/OPERATIONS.md"));
    }

    @Test
    void everyMetricTheCodeDefines_shouldBeDocumentedWithItsUnit_andNothingElse() throws IOException {
        Map<String, String> defined = new TreeMap<>();
        for (Path file : mainSources()) {
            Matcher m = METRIC_DEFINITION.matcher(Files.readString(file));
            while (m.find()) {
                defined.put(m.group(2), cloudWatchUnit(m.group(3)));
            }
        }
        Map<String, String> documented = new TreeMap<>();
        documentedMetrics().forEach((name, doc) -> documented.put(name, doc.unit()));

        assertEquals(defined, documented, "metrics in the code vs docs/OPERATIONS.md's table (name -> unit)");
        documentedMetrics().forEach((name, doc) -> {
            assertEquals("Function", doc.dimensions(), name);
            assertTrue(doc.meaning().length() > 10, name + " needs a meaning");
            assertTrue(!doc.emittedBy().isEmpty() && FUNCTIONS.containsAll(doc.emittedBy()), name + ": " + doc.emittedBy());
        });
    }

    @Test
    void everyMetric_shouldBeRecordedFromOneSourceFile_soNothingIsCountedTwice() throws IOException {
        Map<String, String> constants = new LinkedHashMap<>(); // constant -> metric name
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path file : mainSources()) {
            String text = Files.readString(file);
            texts.put(file, text);
            Matcher m = METRIC_DEFINITION.matcher(text);
            while (m.find()) {
                if (m.group(1) != null) {
                    constants.put(m.group(1), m.group(2));
                }
            }
        }
        Map<String, Set<String>> recordedIn = new TreeMap<>();
        texts.forEach((file, text) -> {
            Matcher m = METRIC_USE.matcher(text);
            while (m.find()) {
                String metric = constants.get(m.group(1));
                if (metric != null) {
                    recordedIn.computeIfAbsent(metric, k -> new TreeSet<>()).add(root.relativize(file).toString());
                }
            }
        });
        List<String> problems = new ArrayList<>();
        recordedIn.forEach((metric, files) -> {
            // failures: counted where each failure is handled (batch policy, use case, handler), once each.
            if (files.size() > 1 && !metric.equals("failures")) {
                problems.add(metric + " is recorded in " + files);
            }
        });
        assertEquals(List.of(), problems);
        assertEquals(documentedMetrics().keySet(), recordedIn.keySet(), "every documented metric is recorded somewhere");
    }

    @Test
    void alarms_shouldUseRealMetricsEmittedByTheFunctionTheyName() {
        List<String> problems = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            List<Map<String, Object>> stats = new ArrayList<>();
            if (alarm.containsKey("MetricName")) {
                stats.add(alarm);
            }
            for (Object query : Template.list(alarm.get("Metrics"))) {
                Map<String, Object> stat = Template.map(Template.map(query).get("MetricStat"));
                if (!stat.isEmpty()) {
                    stats.add(Template.map(stat.get("Metric")));
                }
            }
            assertTrue(!stats.isEmpty(), id + " watches no metric");
            for (Map<String, Object> metric : stats) {
                Map<String, Object> dimensions = new LinkedHashMap<>();
                for (Object d : Template.list(metric.get("Dimensions"))) {
                    dimensions.put(String.valueOf(Template.map(d).get("Name")), Template.map(d).get("Value"));
                }
                check(id, metric.get("Namespace"), String.valueOf(metric.get("MetricName")), dimensions, problems);
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void dashboard_shouldUseRealMetrics_andShowEveryAlarm() {
        Map<String, Object> body = dashboardBody();
        List<String> problems = new ArrayList<>();
        Set<String> alarmsShown = new TreeSet<>();
        for (Object w : Template.list(body.get("widgets"))) {
            Map<String, Object> properties = Template.map(Template.map(w).get("properties"));
            String title = String.valueOf(properties.get("title"));
            for (Object a : Template.list(properties.get("alarms"))) {
                alarmsShown.add(String.valueOf(a).replaceAll("^\\$\\{(\\w+)\\.Arn}$", "$1"));
            }
            for (Object row : Template.list(properties.get("metrics"))) {
                List<?> cells = Template.list(row).stream().filter(c -> !(c instanceof Map)).toList();
                Map<String, Object> dimensions = new LinkedHashMap<>();
                for (int i = 2; i + 1 < cells.size(); i += 2) {
                    dimensions.put(String.valueOf(cells.get(i)), cells.get(i + 1));
                }
                Object namespace = ("${" + NAMESPACE_PARAMETER + "}").equals(cells.get(0))
                        ? Map.of("Ref", NAMESPACE_PARAMETER) : cells.get(0);
                check("dashboard widget '" + title + "'", namespace, String.valueOf(cells.get(1)), dimensions, problems);
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(template.resourcesOfType("AWS::CloudWatch::Alarm").keySet(), alarmsShown,
                "the dashboard's alarm widget shows every alarm");
    }

    @Test
    void everyAlarm_shouldHaveARunbookLine_namedInItsDescription() {
        Set<String> documented = new TreeSet<>(tableFirstColumn("## Alarms"));
        Set<String> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm").keySet();
        assertEquals(new TreeSet<>(alarms), documented, "alarms in template.yaml vs docs/OPERATIONS.md's runbook");
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            String description = String.valueOf(alarm.get("AlarmDescription"));
            assertTrue(description.contains("docs/OPERATIONS.md#alarms (" + id + ")"), id + ": " + description);
            assertTrue(alarm.containsKey("AlarmActions") && alarm.containsKey("OKActions"), id + " notifies nobody");
        });
    }

    // ---------------------------------------------------------------- helpers

    private static void check(String where, Object namespace, String name, Map<String, Object> dimensions,
                              List<String> problems) {
        if (namespace instanceof Map<?, ?> ref && NAMESPACE_PARAMETER.equals(ref.get("Ref"))) {
            DocumentedMetric doc = documentedMetrics().get(name);
            Object function = dimensions.get("Function");
            if (doc == null) {
                problems.add(where + " uses " + name + ", which the code does not emit (docs/OPERATIONS.md)");
            } else if (!dimensions.keySet().equals(Set.of("Function")) || !doc.emittedBy().contains(String.valueOf(function))) {
                problems.add(where + " reads " + name + " with " + dimensions + "; it is emitted by " + doc.emittedBy());
            }
        } else if (!AWS_METRICS.getOrDefault(String.valueOf(namespace), Set.of()).contains(name)) {
            problems.add(where + " uses " + namespace + " " + name + ", not a metric this check knows");
        } else {
            for (Object value : dimensions.values()) {
                Matcher ref = Pattern.compile("^\\$\\{(\\w+)[.}]").matcher(String.valueOf(value));
                String target = value instanceof Map<?, ?> m && m.get("Ref") != null ? String.valueOf(m.get("Ref"))
                        : value instanceof Map<?, ?> m && m.get("Fn::GetAtt") != null
                        ? String.valueOf(m.get("Fn::GetAtt") instanceof List<?> l ? l.get(0) : m.get("Fn::GetAtt")).split("\\.")[0]
                        : ref.find() ? ref.group(1) : null;
                if (target != null && !target.startsWith("AWS::") && !template.resources().containsKey(target)
                        && !Template.map(template.root().get("Parameters")).containsKey(target)) {
                    problems.add(where + " names " + target + ", which the template does not declare");
                }
            }
        }
    }

    private static Map<String, DocumentedMetric> documentedMetrics() {
        Map<String, DocumentedMetric> metrics = new TreeMap<>();
        for (List<String> cells : table("## Metrics")) {
            if (cells.size() != 5) {
                throw new AssertionError("a metric row needs 5 cells: " + cells);
            }
            Set<String> emittedBy = new TreeSet<>();
            for (String f : cells.get(4).split(",")) {
                emittedBy.add(f.strip());
            }
            metrics.put(unquote(cells.get(0)), new DocumentedMetric(cells.get(1), cells.get(2), cells.get(3), emittedBy));
        }
        return metrics;
    }

    private static List<String> tableFirstColumn(String section) {
        return table(section).stream().map(cells -> unquote(cells.get(0))).toList();
    }

    /** The rows of the first table under {@code section} whose first cell is code, as trimmed cells. */
    private static List<List<String>> table(String section) {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (String line : operations.split("\n")) {
            if (line.startsWith("## ")) {
                in = line.strip().equals(section);
            } else if (in && line.startsWith("| `")) {
                String[] raw = line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("(?<!\\\\)\\|");
                rows.add(Stream.of(raw).map(String::strip).toList());
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("docs/OPERATIONS.md has no table under " + section);
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").strip();
    }

    private static Map<String, Object> dashboardBody() {
        Map<String, Map<String, Object>> dashboards = template.resourcesOfType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size(), "one dashboard");
        Object body = dashboards.values().iterator().next().get("DashboardBody");
        Object sub = Template.map(body).get("Fn::Sub");
        String json = sub instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(sub);
        return CfnYaml.parse(json); // JSON is YAML
    }

    private static String cloudWatchUnit(String enumName) {
        return switch (enumName) {
            case "COUNT" -> "Count";
            case "MILLISECONDS" -> "Milliseconds";
            default -> throw new AssertionError("unknown MetricUnit." + enumName);
        };
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(root.resolve("shared/src/main/java")));
        try (Stream<Path> modules = Files.list(root.resolve("functions"))) {
            modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).forEach(dirs::add);
        }
        for (Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
