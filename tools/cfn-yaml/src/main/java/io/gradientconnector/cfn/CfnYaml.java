package io.gradientconnector.cfn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM YAML template into plain maps and lists, turning the short-form
 * intrinsic tags into their long form ({@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt
 * A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}), so readers can tell an intrinsic from a
 * literal. Unknown tags fail loudly rather than being read as plain strings.
 *
 * <p>Shared by the template checks ({@code tools/template-check}) and the local runner ({@code local/runner}),
 * so both read the template the same way. Stateless and thread-safe.
 */
public final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "GetAtt", "If", "ImportValue", "Join", "Length", "Not", "And", "Or", "Select", "Split", "Sub",
            "ToJsonString", "Transform");

    private CfnYaml() {
    }

    public static Map<String, Object> load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String yaml) {
        Object root = new Yaml(new Constructor()).load(yaml);
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("a template is a YAML mapping");
        }
        return (Map<String, Object>) root;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    // !GetAtt Resource.Attribute is the short form of [Resource, Attribute]
                    value = key.equals("Fn::GetAtt") && text.contains(".")
                            ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                            : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
