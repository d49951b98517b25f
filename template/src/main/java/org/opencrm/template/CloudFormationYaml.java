package org.opencrm.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * Reads CloudFormation YAML into plain maps and lists, turning the short intrinsic tags ({@code
 * !Ref X}, {@code !GetAtt A.B}, {@code !Sub ...}) into their long JSON forms ({@code {"Ref": "X"}},
 * {@code {"Fn::GetAtt": ["A","B"]}}), which is also what the SAM JSON schema expects.
 */
public final class CloudFormationYaml {

    private static final List<String> FUNCTION_TAGS =
            List.of(
                    "Base64",
                    "Cidr",
                    "FindInMap",
                    "GetAtt",
                    "GetAZs",
                    "ImportValue",
                    "Join",
                    "Select",
                    "Split",
                    "Sub",
                    "Transform",
                    "And",
                    "Equals",
                    "If",
                    "Not",
                    "Or",
                    "ToJsonString",
                    "Length");

    private CloudFormationYaml() {}

    public static Map<String, Object> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return read(reader);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Reader reader) {
        Object document = new Yaml(new IntrinsicConstructor()).load(reader);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a CloudFormation template must be a YAML mapping");
        }
        return (Map<String, Object>) document;
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String name : FUNCTION_TAGS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, valueOf(node));
                return intrinsic;
            }

            private Object valueOf(Node node) {
                if (node instanceof SequenceNode sequence) {
                    return constructSequence(sequence);
                }
                if (node instanceof MappingNode mapping) {
                    return constructMapping(mapping);
                }
                String scalar = constructScalar((ScalarNode) node);
                if (key.equals("Fn::GetAtt")) {
                    // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"]
                    return Arrays.asList(scalar.split("\\.", 2));
                }
                return scalar;
            }
        }
    }
}
