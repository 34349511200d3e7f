package io.gradientconnector.localrun.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads every {@code AWS::Serverless::Function} of a template into {@link FunctionDefinition}s. Stateless. */
public final class FunctionDefinitions {

    private static final int LAMBDA_DEFAULT_TIMEOUT = 3;
    private static final int LAMBDA_DEFAULT_MEMORY = 128;
    private static final int SQS_DEFAULT_BATCH_SIZE = 10;

    private FunctionDefinitions() {
    }

    public static List<FunctionDefinition> read(SamTemplate template, Intrinsics intrinsics) {
        List<FunctionDefinition> functions = new ArrayList<>();
        for (String id : template.resourcesOfType(SamTemplate.FUNCTION)) {
            functions.add(read(template, intrinsics, id));
        }
        return List.copyOf(functions);
    }

    static FunctionDefinition read(SamTemplate template, Intrinsics intrinsics, String id) {
        Map<String, Object> properties = template.effectiveFunction(id);
        String handler = intrinsics.string(properties.get("Handler"), id + ".Handler");
        int timeout = integer(intrinsics, properties.get("Timeout"), LAMBDA_DEFAULT_TIMEOUT, id + ".Timeout");
        int memory = integer(intrinsics, properties.get("MemorySize"), LAMBDA_DEFAULT_MEMORY, id + ".MemorySize");
        Map<String, String> environment = new LinkedHashMap<>();
        SamTemplate.map(SamTemplate.map(properties.get("Environment")).get("Variables")).forEach((name, value) -> {
            Object resolved = intrinsics.resolve(value);
            if (resolved != null) {
                environment.put(name, intrinsics.string(resolved, id + " environment variable " + name));
            }
        });
        List<ApiRoute> routes = new ArrayList<>();
        List<QueueTrigger> queues = new ArrayList<>();
        List<ScheduleTrigger> schedules = new ArrayList<>();
        SamTemplate.map(properties.get("Events")).forEach((name, event) -> {
            Map<String, Object> definition = SamTemplate.map(event);
            Map<String, Object> eventProperties = SamTemplate.map(definition.get("Properties"));
            String type = String.valueOf(definition.get("Type"));
            String where = id + ".Events." + name;
            switch (type) {
                case "Api" -> routes.add(route(template, intrinsics, id, name, eventProperties, where));
                case "SQS" -> queues.add(queue(template, intrinsics, id, name, eventProperties, where));
                case "Schedule", "ScheduleV2" -> schedules.add(schedule(intrinsics, id, name, eventProperties, where));
                default -> {
                    // Other event types (S3, SNS, ...) have no local source; the function stays invocable by hand.
                }
            }
        });
        return new FunctionDefinition(id, handler, timeout, memory, environment, routes, queues, schedules);
    }

    private static ApiRoute route(SamTemplate template, Intrinsics intrinsics, String id, String name,
                                  Map<String, Object> properties, String where) {
        String path = intrinsics.string(properties.get("Path"), where + ".Path");
        String method = intrinsics.string(properties.get("Method"), where + ".Method");
        if (method.toLowerCase(Locale.ROOT).equals("any")) {
            method = "ANY";
        }
        Boolean required = bool(intrinsics, SamTemplate.map(properties.get("Auth")).get("ApiKeyRequired"));
        if (required == null) {
            Object api = SamTemplate.map(properties.get("RestApiId")).get("Ref");
            Map<String, Object> apiAuth = api == null ? Map.of()
                    : SamTemplate.map(template.properties(String.valueOf(api)).get("Auth"));
            required = bool(intrinsics, apiAuth.get("ApiKeyRequired"));
        }
        return new ApiRoute(id, name, method, path, Boolean.TRUE.equals(required));
    }

    private static QueueTrigger queue(SamTemplate template, Intrinsics intrinsics, String id, String name,
                                      Map<String, Object> properties, String where) {
        List<?> getAtt = SamTemplate.list(SamTemplate.map(properties.get("Queue")).get("Fn::GetAtt"));
        if (getAtt.size() != 2 || !"Arn".equals(getAtt.get(1))
                || !template.type(String.valueOf(getAtt.get(0))).filter(SamTemplate.QUEUE::equals).isPresent()) {
            throw new IllegalArgumentException(where + ".Queue must be !GetAtt <queue>.Arn of a queue in the template");
        }
        int batchSize = integer(intrinsics, properties.get("BatchSize"), SQS_DEFAULT_BATCH_SIZE, where + ".BatchSize");
        int window = integer(intrinsics, properties.get("MaximumBatchingWindowInSeconds"), 0,
                where + ".MaximumBatchingWindowInSeconds");
        int concurrency = integer(intrinsics,
                SamTemplate.map(properties.get("ScalingConfig")).get("MaximumConcurrency"), 0,
                where + ".ScalingConfig.MaximumConcurrency");
        Object types = intrinsics.resolve(properties.get("FunctionResponseTypes"));
        boolean report = SamTemplate.list(types).contains("ReportBatchItemFailures");
        Boolean enabled = bool(intrinsics, properties.get("Enabled"));
        return new QueueTrigger(id, name, String.valueOf(getAtt.get(0)), batchSize, window, concurrency, report,
                enabled == null || enabled);
    }

    private static ScheduleTrigger schedule(Intrinsics intrinsics, String id, String name,
                                            Map<String, Object> properties, String where) {
        String expression = intrinsics.string(properties.get("Schedule") != null ? properties.get("Schedule")
                : properties.get("ScheduleExpression"), where + ".ScheduleExpression");
        Object input = intrinsics.resolve(properties.get("Input"));
        Object state = intrinsics.resolve(properties.get("State"));
        Boolean enabled = bool(intrinsics, properties.get("Enabled"));
        boolean on = state == null ? enabled == null || enabled : "ENABLED".equals(state);
        return new ScheduleTrigger(id, name, expression, input == null ? null : String.valueOf(input), on);
    }

    private static int integer(Intrinsics intrinsics, Object node, int fallback, String where) {
        Object value = intrinsics.resolve(node);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(SamTemplate.scalar(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number, was " + value);
        }
    }

    private static Boolean bool(Intrinsics intrinsics, Object node) {
        Object value = intrinsics.resolve(node);
        return value == null ? null : Boolean.parseBoolean(SamTemplate.scalar(value));
    }
}
