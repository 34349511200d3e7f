package io.gradientconnector.localrun.template;

import io.gradientconnector.cfn.CfnYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed SAM template ({@link CfnYaml}: intrinsics in long form), with the views the local runner needs. Nothing
 * here resolves intrinsics; {@link Intrinsics} does. Immutable after parsing; thread-safe.
 */
public final class SamTemplate {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String SECRET = "AWS::SecretsManager::Secret";

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try {
            return new SamTemplate(CfnYaml.load(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        return new SamTemplate(CfnYaml.parse(yaml));
    }

    /** Parameter name → its {@code Default} as a string (CloudFormation passes every parameter as a string). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        map(root.get("Parameters")).forEach((name, definition) -> {
            Object value = map(definition).get("Default");
            if (value != null) {
                defaults.put(name, scalar(value));
            }
        });
        return defaults;
    }

    public boolean hasParameter(String name) {
        return map(root.get("Parameters")).containsKey(name);
    }

    public Map<String, Object> conditions() {
        return map(root.get("Conditions"));
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public boolean hasResource(String logicalId) {
        return resources().containsKey(logicalId);
    }

    public Optional<String> type(String logicalId) {
        Object type = map(resources().get(logicalId)).get("Type");
        return type instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** Logical ids of every resource of {@code type}, in template order. */
    public List<String> resourcesOfType(String type) {
        return resources().keySet().stream().filter(id -> type(id).filter(type::equals).isPresent()).toList();
    }

    /** A resource's {@code Properties} (unresolved), empty when it has none. */
    public Map<String, Object> properties(String logicalId) {
        return map(map(resources().get(logicalId)).get("Properties"));
    }

    /**
     * A function's properties with {@code Globals.Function} applied the way SAM does for the parts the runner reads:
     * a property of the function wins; environment variables are merged, the function's winning.
     */
    public Map<String, Object> effectiveFunction(String logicalId) {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> own = properties(logicalId);
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        merged.putAll(own);
        Map<String, Object> variables = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
        variables.putAll(map(map(own.get("Environment")).get("Variables")));
        merged.put("Environment", Map.of("Variables", variables));
        return merged;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** A YAML scalar as CloudFormation sees it: a string ({@code 5} and {@code true} become "5" and "true"). */
    public static String scalar(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
