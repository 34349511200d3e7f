package io.gradientconnector.templatecheck;

import io.gradientconnector.cfn.CfnYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views over a parsed SAM template; nothing here resolves intrinsics. */
final class Template {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String QUEUE = "AWS::SQS::Queue";

    private final Map<String, Object> root;

    Template(Map<String, Object> root) {
        this.root = root;
    }

    static Template parse(String yaml) {
        return new Template(CfnYaml.parse(yaml));
    }

    Map<String, Object> root() {
        return root;
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    /** Logical id → properties of every resource of {@code type}, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(map(resource).get("Properties")));
            }
        });
        return found;
    }

    Map<String, Object> metadata(String logicalId) {
        return map(map(resources().get(logicalId)).get("Metadata"));
    }

    /** A function's properties with {@code Globals.Function} applied (environment variables merged). */
    Map<String, Object> effectiveFunction(String logicalId) {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> own = map(map(resources().get(logicalId)).get("Properties"));
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        Map<String, Object> variables = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        variables.putAll(map(map(own.get("Environment")).get("Variables")));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }

    Map<String, Object> environment(String logicalId) {
        return map(map(effectiveFunction(logicalId).get("Environment")).get("Variables"));
    }

    Optional<Object> parameterDefault(String name) {
        return Optional.ofNullable(map(map(root.get("Parameters")).get(name)).get("Default"));
    }

    /** The logical id in {@code {"Fn::GetAtt": [id, attribute]}}, if {@code value} is that. */
    static Optional<String> getAttTarget(Object value, String attribute) {
        Object getAtt = map(value).get("Fn::GetAtt");
        if (getAtt instanceof List<?> parts && parts.size() == 2 && attribute.equals(parts.get(1))) {
            return Optional.of(String.valueOf(parts.get(0)));
        }
        return Optional.empty();
    }

    /** The name in {@code {"Ref": name}}, if {@code value} is that. */
    static Optional<String> refTarget(Object value) {
        Object ref = map(value).get("Ref");
        return ref instanceof String s ? Optional.of(s) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static int integer(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s && s.matches("\\d+")) {
            return Integer.parseInt(s);
        }
        return fallback;
    }
}
