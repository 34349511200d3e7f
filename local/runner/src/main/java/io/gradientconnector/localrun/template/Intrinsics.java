package io.gradientconnector.localrun.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsics to local values: {@code Ref} (parameters, pseudo parameters, resources),
 * {@code Fn::GetAtt}, {@code Fn::Sub} (both forms), {@code Fn::If} with the template's conditions ({@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Condition}), {@code Fn::Join}, {@code Fn::Select} and
 * {@code Fn::Split}. {@code AWS::NoValue} removes the property or list item it stands for. Anything else fails,
 * naming the intrinsic, rather than passing a map where a string was meant.
 *
 * <p>Thread-safe when its {@link ResourceValues} is.
 */
public final class Intrinsics {

    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final Map<String, String> pseudo;
    private final ResourceValues resources;

    /**
     * @param overrides parameter values that replace the template's defaults (e.g. {@code GradientBaseUrl})
     */
    public Intrinsics(SamTemplate template, Map<String, String> overrides, PseudoParameters pseudo,
                      ResourceValues resources) {
        this.template = Objects.requireNonNull(template, "template");
        Map<String, String> values = new HashMap<>(template.parameterDefaults());
        overrides.forEach((name, value) -> {
            if (!template.hasParameter(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
            values.put(name, value);
        });
        this.parameters = Map.copyOf(values);
        this.pseudo = pseudo.values();
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    /** {@code node} with every intrinsic replaced by its value (strings, lists and maps remain). */
    public Object resolve(Object node) {
        Object value = value(node);
        return value == NO_VALUE ? null : value;
    }

    /** {@code node} resolved to a string; {@code where} names it in the error when it is not a scalar. */
    public String string(Object node, String where) {
        Object value = resolve(node);
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException(where + " must resolve to a string, got " + value);
        }
        return SamTemplate.scalar(value);
    }

    /** Whether the template's condition {@code name} holds. */
    public boolean condition(String name) {
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return truth(definition, "condition " + name);
    }

    public String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " has no default and no local value");
        }
        return value;
    }

    private Object value(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, map.values().iterator().next());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object value = value(v);
                if (value != NO_VALUE) {
                    resolved.put(String.valueOf(k), value);
                }
            });
            return resolved;
        }
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object value = value(item);
                if (value != NO_VALUE) {
                    resolved.add(value);
                }
            }
            return resolved;
        }
        return node;
    }

    private Object intrinsic(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::If" -> ifThen(argument);
            case "Fn::Join" -> join(argument);
            case "Fn::Select" -> select(argument);
            case "Fn::Split" -> split(argument);
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> Boolean.toString(truth(Map.of(name, argument), name));
            default -> throw new IllegalArgumentException(name + " is not supported by the local runner");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        if (template.hasParameter(name)) {
            return parameter(name);
        }
        if (template.hasResource(name)) {
            return resources.ref(name);
        }
        throw new IllegalArgumentException("!Ref " + name + ": no such parameter or resource");
    }

    private String getAtt(Object argument) {
        List<?> parts = SamTemplate.list(argument);
        if (parts.size() != 2) {
            throw new IllegalArgumentException("Fn::GetAtt needs [resource, attribute], got " + argument);
        }
        String id = String.valueOf(parts.get(0));
        String attribute = SamTemplate.scalar(value(parts.get(1)));
        if (!template.hasResource(id)) {
            throw new IllegalArgumentException("!GetAtt " + id + "." + attribute + ": no such resource");
        }
        return resources.attribute(id, attribute);
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            if (list.size() != 2) {
                throw new IllegalArgumentException("Fn::Sub needs [string, variables], got " + argument);
            }
            text = String.valueOf(list.get(0));
            variables = SamTemplate.map(list.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}"; // ${!Literal} is the escape for a literal ${...}
            } else if (variables.containsKey(variable)) {
                replacement = string(variables.get(variable), "Fn::Sub variable " + variable);
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                replacement = getAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)));
            } else {
                replacement = SamTemplate.scalar(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Object ifThen(Object argument) {
        List<?> parts = SamTemplate.list(argument);
        if (parts.size() != 3) {
            throw new IllegalArgumentException("Fn::If needs [condition, then, else], got " + argument);
        }
        return condition(String.valueOf(parts.get(0))) ? value(parts.get(1)) : value(parts.get(2));
    }

    private String join(Object argument) {
        List<?> parts = SamTemplate.list(argument);
        if (parts.size() != 2) {
            throw new IllegalArgumentException("Fn::Join needs [delimiter, list], got " + argument);
        }
        List<String> items = new ArrayList<>();
        for (Object item : SamTemplate.list(value(parts.get(1)))) {
            items.add(SamTemplate.scalar(item));
        }
        return String.join(String.valueOf(parts.get(0)), items);
    }

    private Object select(Object argument) {
        List<?> parts = SamTemplate.list(argument);
        if (parts.size() != 2) {
            throw new IllegalArgumentException("Fn::Select needs [index, list], got " + argument);
        }
        int index = Integer.parseInt(SamTemplate.scalar(value(parts.get(0))));
        return SamTemplate.list(value(parts.get(1))).get(index);
    }

    private List<String> split(Object argument) {
        List<?> parts = SamTemplate.list(argument);
        if (parts.size() != 2) {
            throw new IllegalArgumentException("Fn::Split needs [delimiter, string], got " + argument);
        }
        return List.of(string(parts.get(1), "Fn::Split").split(Pattern.quote(String.valueOf(parts.get(0))), -1));
    }

    private boolean truth(Object node, String where) {
        Map<String, Object> map = SamTemplate.map(node);
        if (map.size() != 1) {
            if (node instanceof Boolean b) {
                return b;
            }
            if (node instanceof String s && (s.equals("true") || s.equals("false"))) {
                return Boolean.parseBoolean(s);
            }
            throw new IllegalArgumentException(where + ": not a condition: " + node);
        }
        String key = map.keySet().iterator().next();
        Object argument = map.get(key);
        List<?> parts = SamTemplate.list(argument);
        return switch (key) {
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::Equals" -> {
                if (parts.size() != 2) {
                    throw new IllegalArgumentException(where + ": Fn::Equals needs two values");
                }
                yield SamTemplate.scalar(resolve(parts.get(0))).equals(SamTemplate.scalar(resolve(parts.get(1))));
            }
            case "Fn::Not" -> !truth(parts.get(0), where);
            case "Fn::And" -> parts.stream().allMatch(part -> truth(part, where));
            case "Fn::Or" -> parts.stream().anyMatch(part -> truth(part, where));
            default -> throw new IllegalArgumentException(where + ": " + key + " is not a condition function");
        };
    }
}
