package org.opencrm.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed template.yaml with just enough of CloudFormation's intrinsic functions resolved to run
 * it locally: {@code Ref} to parameters (their defaults) and to resources (their physical names),
 * {@code Fn::Sub} over those and the pseudo parameters.
 */
public final class SamTemplate {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final Map<String, Object> document;
    private final Map<String, String> references;

    private SamTemplate(
            Map<String, Object> document,
            String region,
            String accountId,
            Map<String, String> parameters) {
        this.document = document;
        this.references = new LinkedHashMap<>();
        references.put("AWS::Region", region);
        references.put("AWS::AccountId", accountId);
        references.put("AWS::StackName", "crm-local");
        references.put("AWS::Partition", "aws");
        references.put("AWS::URLSuffix", "amazonaws.com");
        section("Parameters")
                .forEach(
                        (name, spec) -> {
                            Object defaultValue = asMap(spec).get("Default");
                            references.put(
                                    name, defaultValue == null ? "" : String.valueOf(defaultValue));
                        });
        parameters.forEach((name, value) -> references.put(name, allowedValue(name, value)));
        // Resources may refer to each other; names without a physical name fall back to the logical
        // id.
        section("Resources").keySet().forEach(logicalId -> references.put(logicalId, logicalId));
        section("Resources")
                .forEach(
                        (logicalId, resource) ->
                                physicalName(asMap(resource))
                                        .ifPresent(name -> references.put(logicalId, name)));
    }

    public static SamTemplate load(Path file, String region, String accountId) throws IOException {
        return load(file, region, accountId, Map.of());
    }

    /**
     * With parameter values as {@code sam deploy --parameter-overrides} gives them: each must be a
     * parameter of the template and one of its {@code AllowedValues}, if it lists any.
     */
    public static SamTemplate load(
            Path file, String region, String accountId, Map<String, String> parameters)
            throws IOException {
        return new SamTemplate(CloudFormationYaml.read(file), region, accountId, parameters);
    }

    public static SamTemplate of(Map<String, Object> document, String region, String accountId) {
        return new SamTemplate(document, region, accountId, Map.of());
    }

    private String allowedValue(String parameter, String value) {
        if (!section("Parameters").containsKey(parameter)) {
            throw new IllegalArgumentException(
                    "the template has no parameter "
                            + parameter
                            + "; it has "
                            + section("Parameters").keySet());
        }
        List<Object> allowed =
                asList(asMap(section("Parameters").get(parameter)).get("AllowedValues"));
        if (!allowed.isEmpty() && allowed.stream().map(String::valueOf).noneMatch(value::equals)) {
            throw new IllegalArgumentException(
                    parameter + " must be one of " + allowed + ", got " + value);
        }
        return value;
    }

    public Map<String, Object> document() {
        return document;
    }

    /** Logical id → resource, in template order, for resources of the given type. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        section("Resources")
                .forEach(
                        (logicalId, resource) -> {
                            Map<String, Object> body = asMap(resource);
                            if (type.equals(body.get("Type"))) {
                                found.put(logicalId, body);
                            }
                        });
        return found;
    }

    public Map<String, Object> section(String name) {
        return asMap(document.get(name));
    }

    /** The name {@code Ref} resolves to for a logical id or parameter. */
    public String reference(String name) {
        String value = references.get(name);
        if (value == null) {
            throw new IllegalArgumentException("template refers to unknown name " + name);
        }
        return value;
    }

    /**
     * Resolves Ref, Fn::Sub and the Fn::GetAtt attributes that are knowable before deployment
     * (names, ARNs of tables, queues and functions) to a string; anything else resolves to null.
     */
    public String resolveString(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean) {
            return value == null ? null : String.valueOf(value);
        }
        Map<String, Object> intrinsic = asMap(value);
        if (intrinsic.containsKey("Ref")) {
            return reference(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.containsKey("Fn::Sub")
                && intrinsic.get("Fn::Sub") instanceof String pattern) {
            return substitute(pattern);
        }
        List<Object> getAtt = asList(intrinsic.get("Fn::GetAtt"));
        if (getAtt.size() == 2) {
            return attribute(String.valueOf(getAtt.get(0)), String.valueOf(getAtt.get(1)));
        }
        return null;
    }

    private String attribute(String logicalId, String attribute) {
        String name = reference(logicalId);
        if (attribute.equals("QueueName") || attribute.equals("Name")) {
            return name;
        }
        if (!attribute.equals("Arn")) {
            return null;
        }
        String type = String.valueOf(asMap(section("Resources").get(logicalId)).get("Type"));
        String prefix = "arn:" + references.get("AWS::Partition") + ":";
        String regionAndAccount =
                references.get("AWS::Region") + ":" + references.get("AWS::AccountId") + ":";
        return switch (type) {
            case TableSpec.TABLE_TYPE -> prefix + "dynamodb:" + regionAndAccount + "table/" + name;
            case "AWS::SQS::Queue" -> prefix + "sqs:" + regionAndAccount + name;
            case BucketSpec.BUCKET_TYPE -> prefix + "s3:::" + name;
            case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
                    prefix + "lambda:" + regionAndAccount + "function:" + name;
            default -> null;
        };
    }

    private String substitute(String pattern) {
        Matcher matcher = SUB_VARIABLE.matcher(pattern);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).split("\\.", 2)[0];
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(reference(name)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private Optional<String> physicalName(Map<String, Object> resource) {
        Map<String, Object> properties = asMap(resource.get("Properties"));
        for (String key : List.of("TableName", "QueueName", "FunctionName", "BucketName")) {
            if (properties.containsKey(key)) {
                return Optional.ofNullable(resolveString(properties.get(key)));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }
}
