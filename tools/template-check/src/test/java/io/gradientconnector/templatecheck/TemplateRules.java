package io.gradientconnector.templatecheck;

import static io.gradientconnector.templatecheck.Template.getAttTarget;
import static io.gradientconnector.templatecheck.Template.integer;
import static io.gradientconnector.templatecheck.Template.list;
import static io.gradientconnector.templatecheck.Template.map;
import static io.gradientconnector.templatecheck.Template.refTarget;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The project's rules for template.yaml. Each rule returns its violations as sentences naming the
 * resource, so a failing test says exactly what to fix; an empty list means the rule holds.
 */
final class TemplateRules {

    static final int DLQ_RETENTION_SECONDS = 14 * 24 * 3600;
    static final int GRADIENT_REQUESTS_PER_SECOND = 100;

    private static final Set<String> NAME_PROPERTIES = Set.of("Name", "TableName", "QueueName", "FunctionName",
            "RoleName", "AlarmName", "LogGroupName", "TopicName", "UsagePlanName", "BucketName", "StateMachineName",
            "ScheduleName", "SecretName");
    private static final Pattern LITERAL_ARN = Pattern.compile("arn:aws[a-z-]*:");
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
    private static final Pattern REGION = Pattern.compile(
            "\\b(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[0-9]\\b");
    private static final Set<String> PROSE_KEYS = Set.of("Description", "AlarmDescription");

    private TemplateRules() {
    }

    /** Every queue that is not itself a dead-letter queue redrives to one declared in the template. */
    static List<String> queuesWithoutDeadLetterQueue(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> queues = t.resourcesOfType(Template.QUEUE);
        Set<String> deadLetterQueues = deadLetterQueues(t);
        queues.forEach((id, props) -> {
            if (deadLetterQueues.contains(id)) {
                return;
            }
            Map<String, Object> redrive = map(props.get("RedrivePolicy"));
            Optional<String> target = getAttTarget(redrive.get("deadLetterTargetArn"), "Arn");
            if (redrive.isEmpty()) {
                problems.add(id + " has no RedrivePolicy (every queue needs a dead-letter queue)");
            } else if (target.isEmpty() || !queues.containsKey(target.get())) {
                problems.add(id + " RedrivePolicy.deadLetterTargetArn must be !GetAtt <a queue in this template>.Arn");
            }
            if (!redrive.isEmpty() && integer(redrive.get("maxReceiveCount"), 0) < 1) {
                problems.add(id + " RedrivePolicy.maxReceiveCount must be a number >= 1");
            }
        });
        return problems;
    }

    /** Every dead-letter queue keeps messages 14 days and has an alarm on its visible messages. */
    static List<String> deadLetterQueueProblems(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> queues = t.resourcesOfType(Template.QUEUE);
        Map<String, Map<String, Object>> alarms = t.resourcesOfType("AWS::CloudWatch::Alarm");
        for (String dlq : deadLetterQueues(t)) {
            if (integer(queues.getOrDefault(dlq, Map.of()).get("MessageRetentionPeriod"), 0) != DLQ_RETENTION_SECONDS) {
                problems.add(dlq + " MessageRetentionPeriod must be " + DLQ_RETENTION_SECONDS + " (14 days)");
            }
            boolean alarmed = alarms.values().stream().anyMatch(a -> "AWS/SQS".equals(a.get("Namespace"))
                    && "ApproximateNumberOfMessagesVisible".equals(a.get("MetricName"))
                    && "GreaterThanThreshold".equals(a.get("ComparisonOperator"))
                    && integer(a.get("Threshold"), -1) == 0
                    && list(a.get("Dimensions")).stream().map(Template::map).anyMatch(d ->
                            "QueueName".equals(d.get("Name"))
                                    && getAttTarget(d.get("Value"), "QueueName").filter(dlq::equals).isPresent()));
            if (!alarmed) {
                problems.add(dlq + " has no alarm on AWS/SQS ApproximateNumberOfMessagesVisible > 0");
            }
        }
        return problems;
    }

    /** Every SQS event source reports batch item failures, so one poison message never fails its batch. */
    static List<String> sqsEventsWithoutBatchItemFailures(Template t) {
        List<String> problems = new ArrayList<>();
        forEachEvent(t, "SQS", (function, event, props) -> {
            if (!list(props.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
                problems.add(function + " event " + event + " lacks FunctionResponseTypes: [ReportBatchItemFailures]");
            }
        });
        return problems;
    }

    /** A queue's visibility timeout is at least six times its consumer's timeout (AWS guidance). */
    static List<String> visibilityTimeoutProblems(Template t) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> queues = t.resourcesOfType(Template.QUEUE);
        forEachEvent(t, "SQS", (function, event, props) -> {
            Optional<String> queue = getAttTarget(props.get("Queue"), "Arn");
            if (queue.isEmpty() || !queues.containsKey(queue.get())) {
                problems.add(function + " event " + event + " Queue must be !GetAtt <a queue in this template>.Arn");
                return;
            }
            int timeout = integer(t.effectiveFunction(function).get("Timeout"), 3);
            int visibility = integer(queues.get(queue.get()).get("VisibilityTimeout"), 30);
            if (visibility < 6 * timeout) {
                problems.add(queue.get() + " VisibilityTimeout " + visibility + " s is less than 6 x " + function
                        + "'s Timeout (" + timeout + " s)");
            }
        });
        return problems;
    }

    /**
     * Every variable in {@code required} is set for {@code function} (Globals or its own Environment);
     * {@code source} says who requires it ("its code reads", "docs/ARCHITECTURE.md documents").
     */
    static List<String> missingEnvironmentVariables(Template t, String function, Set<String> required, String source) {
        Set<String> set = t.environment(function).keySet();
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(required)) {
            if (!set.contains(name)) {
                problems.add(function + " does not set " + name + ", which " + source);
            }
        }
        return problems;
    }

    /**
     * No resource name, ARN, account id or region is written literally: names come from
     * CloudFormation (omitted) or from intrinsics (stack name, parameters, other resources).
     */
    static List<String> hardCodedNames(Template t) {
        List<String> problems = new ArrayList<>();
        t.resources().forEach((id, resource) -> {
            Map<String, Object> props = map(map(resource).get("Properties"));
            for (String key : NAME_PROPERTIES) {
                if (props.containsKey(key) && isLiteralName(props.get(key))) {
                    problems.add(id + " " + key + " is hard-coded; omit it or derive it from AWS::StackName");
                }
            }
        });
        forEachEvent(t, "ScheduleV2", (function, event, props) -> {
            // SAM names a ScheduleV2 schedule after the event, literally: it needs its own group or name.
            boolean scoped = props.containsKey("GroupName") && !isLiteralName(props.get("GroupName"))
                    || props.containsKey("Name") && !isLiteralName(props.get("Name"));
            if (!scoped) {
                problems.add(function + " event " + event
                        + " needs a GroupName (or Name) from an intrinsic: SAM would name the schedule " + function + event);
            }
        });
        for (String section : List.of("Globals", "Resources", "Outputs")) {
            findLiterals(t.root().get(section), section, problems);
        }
        return problems;
    }

    /** Portal routes require the API key; only the HMAC-signed webhook routes do not. */
    static List<String> apiKeyProblems(Template t) {
        List<String> problems = new ArrayList<>();
        forEachEvent(t, "Api", (function, event, props) -> {
            Object required = map(props.get("Auth")).get("ApiKeyRequired");
            boolean webhook = String.valueOf(props.get("Path")).startsWith("/webhooks/");
            if (webhook && !Boolean.FALSE.equals(required)) {
                problems.add(function + " event " + event + " is a signed webhook: set Auth.ApiKeyRequired: false");
            } else if (!webhook && !Boolean.TRUE.equals(required)) {
                problems.add(function + " event " + event + " " + props.get("Method") + " " + props.get("Path")
                        + " must set Auth.ApiKeyRequired: true");
            }
        });
        t.resourcesOfType("AWS::Serverless::Api").forEach((id, props) -> {
            Map<String, Object> auth = map(props.get("Auth"));
            if (!Boolean.TRUE.equals(auth.get("ApiKeyRequired"))) {
                problems.add(id + " Auth.ApiKeyRequired must default to true");
            }
            if (map(auth.get("UsagePlan")).isEmpty()) {
                problems.add(id + " Auth.UsagePlan is missing (the API key needs a usage plan)");
            }
        });
        return problems;
    }

    /**
     * One rate budget for every Gradient request: every function's GRADIENT_RATE_LIMIT_PER_SECOND is the same
     * parameter, set once (no function overrides it with a share of its own), and that parameter's default is at most
     * Gradient's 100 requests/s. The budget itself keeps every one-second window within it, across functions and
     * containers (docs/ARCHITECTURE.md; measured by make bench, "mixed").
     */
    static List<String> gradientRateProblems(Template t) {
        List<String> problems = new ArrayList<>();
        java.util.Set<String> parameters = new java.util.TreeSet<>();
        for (String function : t.resourcesOfType("AWS::Serverless::Function").keySet()) {
            Object value = t.environment(function).get("GRADIENT_RATE_LIMIT_PER_SECOND");
            Optional<String> rate = refTarget(value);
            if (rate.isEmpty()) {
                problems.add(function + " must take GRADIENT_RATE_LIMIT_PER_SECOND from a parameter (the one budget)");
                continue;
            }
            parameters.add(rate.get());
            Object own = map(map(map(map(t.resources().get(function)).get("Properties")).get("Environment"))
                    .get("Variables")).get("GRADIENT_RATE_LIMIT_PER_SECOND");
            if (own != null) {
                problems.add(function + " sets its own GRADIENT_RATE_LIMIT_PER_SECOND: the budget is one for all "
                        + "functions (set it in Globals)");
            }
        }
        if (parameters.size() > 1) {
            problems.add("GRADIENT_RATE_LIMIT_PER_SECOND comes from several parameters " + parameters
                    + ": one budget, one limit");
        }
        for (String parameter : parameters) {
            int limit = integer(t.parameterDefault(parameter).orElse(null), -1);
            if (limit < 1 || limit > GRADIENT_REQUESTS_PER_SECOND) {
                problems.add("default " + parameter + " (" + limit + ") must be 1.." + GRADIENT_REQUESTS_PER_SECOND
                        + " requests/s");
            }
        }
        return problems;
    }

    /** Every function is built by the root Makefile: BuildMethod makefile and a module mapping. */
    static List<String> buildProblems(Template t, Map<String, String> makefileModules) {
        List<String> problems = new ArrayList<>();
        t.resourcesOfType(Template.FUNCTION).forEach((id, props) -> {
            Map<String, Object> metadata = t.metadata(id);
            if (!"makefile".equals(metadata.get("BuildMethod")) || !".".equals(metadata.get("ContextPath"))
                    || !".".equals(metadata.get("WorkingDirectory"))) {
                problems.add(id + " Metadata must be BuildMethod: makefile, ContextPath: ., WorkingDirectory: .");
            }
            if (!"tools/sam-build".equals(props.get("CodeUri"))) {
                problems.add(id + " CodeUri must be tools/sam-build (sam build copies CodeUri; keep it empty)");
            }
            if (!makefileModules.containsKey(id)) {
                problems.add(id + " has no FUNCTION_MODULE_" + id + " in the Makefile (no build-" + id + " target)");
            }
            if (!String.valueOf(props.get("Handler")).matches("io\\.gradientconnector(\\.[a-z][a-z0-9]*)+\\.[A-Z]\\w*::handleRequest")) {
                problems.add(id + " Handler must be io.gradientconnector.<package>.<Class>::handleRequest");
            }
        });
        return problems;
    }

    static Set<String> deadLetterQueues(Template t) {
        Set<String> dlqs = new HashSet<>();
        t.resourcesOfType(Template.QUEUE).values().forEach(props ->
                getAttTarget(map(props.get("RedrivePolicy")).get("deadLetterTargetArn"), "Arn").ifPresent(dlqs::add));
        return dlqs;
    }

    @FunctionalInterface
    interface EventVisitor {
        void visit(String function, String event, Map<String, Object> properties);
    }

    static void forEachEvent(Template t, String type, EventVisitor visitor) {
        t.resourcesOfType(Template.FUNCTION).forEach((function, props) ->
                map(props.get("Events")).forEach((event, definition) -> {
                    if (type.equals(map(definition).get("Type"))) {
                        visitor.visit(function, event, map(map(definition).get("Properties")));
                    }
                }));
    }

    private static boolean isLiteralName(Object value) {
        if (!(value instanceof Map<?, ?> intrinsic)) {
            return true; // a string or number typed into the template
        }
        Object sub = intrinsic.get("Fn::Sub");
        Object template = sub instanceof List<?> l && !l.isEmpty() ? l.get(0) : sub;
        return template instanceof String s && !s.contains("${");
    }

    private static void findLiterals(Object node, String path, List<String> problems) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!PROSE_KEYS.contains(String.valueOf(k))) {
                    findLiterals(v, path + "." + k, problems);
                }
            });
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                findLiterals(l.get(i), path + "[" + i + "]", problems);
            }
        } else if (node instanceof String s) {
            if (LITERAL_ARN.matcher(s).find()) {
                problems.add(path + " has a literal ARN (" + s + "); build it with ${AWS::Partition}, ${AWS::Region}, ${AWS::AccountId}");
            } else if (ACCOUNT_ID.matcher(s).find()) {
                problems.add(path + " has what looks like an account id: use ${AWS::AccountId}");
            } else if (REGION.matcher(s).find()) {
                problems.add(path + " names a region (" + s + "): use ${AWS::Region}");
            }
        }
    }
}
