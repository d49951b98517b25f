package org.opencrm.template;

import static org.opencrm.template.SamTemplate.asList;
import static org.opencrm.template.SamTemplate.asMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::S3::Bucket} of template.yaml, as much of it as the local cloud needs to create
 * it.
 *
 * @param logicalId the resource's logical id in the template
 * @param bucketName the physical name ({@code BucketName}, resolved; the logical id when absent)
 * @param corsRules the bucket's {@code CorsConfiguration.CorsRules}, in template order
 */
public record BucketSpec(String logicalId, String bucketName, List<CorsRule> corsRules) {

    public static final String BUCKET_TYPE = "AWS::S3::Bucket";

    /**
     * One CORS rule: which browser origins may send which methods and headers.
     *
     * @param allowedOrigins origins, e.g. {@code https://app.example.com} or {@code *}
     * @param allowedMethods HTTP methods, e.g. {@code PUT}
     * @param allowedHeaders request headers the browser may send, {@code x-amz-*} style wildcards
     */
    public record CorsRule(
            List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders) {

        public CorsRule {
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedMethods = List.copyOf(allowedMethods);
            allowedHeaders = List.copyOf(allowedHeaders);
        }
    }

    public BucketSpec {
        corsRules = List.copyOf(corsRules);
    }

    public static List<BucketSpec> allIn(SamTemplate template) {
        List<BucketSpec> buckets = new ArrayList<>();
        template.resourcesOfType(BUCKET_TYPE)
                .forEach(
                        (logicalId, resource) ->
                                buckets.add(
                                        new BucketSpec(
                                                logicalId,
                                                template.reference(logicalId),
                                                corsRules(
                                                        template,
                                                        asMap(resource.get("Properties"))))));
        return buckets;
    }

    private static List<CorsRule> corsRules(SamTemplate template, Map<String, Object> properties) {
        return asList(asMap(properties.get("CorsConfiguration")).get("CorsRules")).stream()
                .map(SamTemplate::asMap)
                .map(
                        rule ->
                                new CorsRule(
                                        strings(template, rule.get("AllowedOrigins")),
                                        strings(template, rule.get("AllowedMethods")),
                                        strings(template, rule.get("AllowedHeaders"))))
                .toList();
    }

    /**
     * A list of strings, or a {@code Ref} to a {@code CommaDelimitedList} parameter (whose default
     * resolves to one comma-separated string).
     */
    private static List<String> strings(SamTemplate template, Object value) {
        if (value instanceof List<?> items) {
            return items.stream().map(template::resolveString).toList();
        }
        String resolved = template.resolveString(value);
        if (resolved == null || resolved.isBlank()) {
            return List.of();
        }
        return Arrays.stream(resolved.split(",")).map(String::trim).toList();
    }
}
