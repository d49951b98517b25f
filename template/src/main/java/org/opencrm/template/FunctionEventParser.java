package org.opencrm.template;

import static org.opencrm.template.SamTemplate.asList;
import static org.opencrm.template.SamTemplate.asMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a function's {@code Events} into {@link FunctionEvent}s. */
final class FunctionEventParser {

    private static final String NO_AUTHORIZER = "NONE";
    private static final int DEFAULT_BATCH_SIZE = 100;
    private static final int DEFAULT_SQS_BATCH_SIZE = 10;
    private static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

    private final SamTemplate template;

    FunctionEventParser(SamTemplate template) {
        this.template = template;
    }

    List<FunctionEvent> parse(String functionId, Map<String, Object> events) {
        List<FunctionEvent> parsed = new ArrayList<>();
        events.forEach((eventId, event) -> parsed.add(parse(functionId, eventId, asMap(event))));
        return parsed;
    }

    private FunctionEvent parse(String functionId, String eventId, Map<String, Object> event) {
        String type = String.valueOf(event.get("Type"));
        Map<String, Object> properties = asMap(event.get("Properties"));
        return switch (type) {
            case HttpApiRoute.TYPE -> route(functionId, eventId, properties);
            case StreamSource.TYPE -> stream(functionId, eventId, properties);
            case SqsSource.TYPE -> queue(functionId, eventId, properties);
            case S3Source.TYPE -> bucket(functionId, eventId, properties);
            case ScheduleSource.TYPE, ScheduleSource.TYPE_V2 ->
                    schedule(functionId, eventId, type, properties);
            default ->
                    new OtherEvent(
                            functionId,
                            eventId,
                            type,
                            "event type " + type + " is not run locally");
        };
    }

    private HttpApiRoute route(String functionId, String eventId, Map<String, Object> properties) {
        String apiId = referencedName(properties.get("ApiId")).orElse(HttpApiRoute.IMPLICIT_API);
        Map<String, Object> api =
                asMap(asMap(template.section("Resources").get(apiId)).get("Properties"));
        Map<String, Object> apiAuth =
                api.containsKey("Auth")
                        ? asMap(api.get("Auth"))
                        : asMap(asMap(template.section("Globals").get("HttpApi")).get("Auth"));
        Map<String, Object> routeAuth = asMap(properties.get("Auth"));
        Object authorizer =
                routeAuth.containsKey("Authorizer")
                        ? routeAuth.get("Authorizer")
                        : apiAuth.get("DefaultAuthorizer");
        String stage =
                Optional.ofNullable(template.resolveString(api.get("StageName")))
                        .orElse("$default");
        Object path = properties.get("Path");
        return new HttpApiRoute(
                functionId,
                eventId,
                apiId,
                stage,
                String.valueOf(properties.getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT),
                path == null ? HttpApiRoute.DEFAULT_ROUTE : String.valueOf(path),
                Optional.ofNullable(authorizer)
                        .map(String::valueOf)
                        .filter(name -> !name.equals(NO_AUTHORIZER)),
                asList(routeAuth.get("AuthorizationScopes")).stream()
                        .map(String::valueOf)
                        .toList());
    }

    private FunctionEvent stream(
            String functionId, String eventId, Map<String, Object> properties) {
        List<Object> getAtt = asList(asMap(properties.get("Stream")).get("Fn::GetAtt"));
        if (getAtt.size() != 2 || !"StreamArn".equals(getAtt.get(1))) {
            return new OtherEvent(
                    functionId,
                    eventId,
                    StreamSource.TYPE,
                    "Stream is not !GetAtt <Table>.StreamArn");
        }
        Map<String, Object> onFailure =
                asMap(asMap(properties.get("DestinationConfig")).get("OnFailure"));
        Object destination = onFailure.get("Destination");
        return StreamSource.builder()
                .functionLogicalId(functionId)
                .eventId(eventId)
                .tableLogicalId(String.valueOf(getAtt.get(0)))
                .startingPosition(
                        String.valueOf(properties.getOrDefault("StartingPosition", "TRIM_HORIZON")))
                .batchSize(
                        FunctionSpec.integer(
                                template, properties.get("BatchSize"), DEFAULT_BATCH_SIZE))
                .maximumBatchingWindowSeconds(
                        FunctionSpec.integer(
                                template, properties.get("MaximumBatchingWindowInSeconds"), 0))
                .reportBatchItemFailures(
                        asList(properties.get("FunctionResponseTypes"))
                                .contains("ReportBatchItemFailures"))
                .bisectBatchOnFunctionError(
                        flag(properties.get("BisectBatchOnFunctionError"), false))
                .maximumRetryAttempts(
                        FunctionSpec.integer(
                                template,
                                properties.get("MaximumRetryAttempts"),
                                StreamSource.UNLIMITED))
                .maximumRecordAgeSeconds(
                        FunctionSpec.integer(
                                template,
                                properties.get("MaximumRecordAgeInSeconds"),
                                StreamSource.UNLIMITED))
                .onFailureDestination(Optional.ofNullable(destination).map(this::describe))
                .enabled(flag(properties.get("Enabled"), true))
                .build();
    }

    private FunctionEvent queue(String functionId, String eventId, Map<String, Object> properties) {
        List<Object> getAtt = asList(asMap(properties.get("Queue")).get("Fn::GetAtt"));
        if (getAtt.size() != 2 || !"Arn".equals(getAtt.get(1))) {
            return new OtherEvent(
                    functionId, eventId, SqsSource.TYPE, "Queue is not !GetAtt <Queue>.Arn");
        }
        String queueId = String.valueOf(getAtt.get(0));
        Map<String, Object> queue =
                asMap(asMap(template.section("Resources").get(queueId)).get("Properties"));
        Map<String, Object> redrive = asMap(queue.get("RedrivePolicy"));
        return SqsSource.builder()
                .functionLogicalId(functionId)
                .eventId(eventId)
                .queueLogicalId(queueId)
                .queueArn(template.resolveString(properties.get("Queue")))
                .batchSize(
                        FunctionSpec.integer(
                                template, properties.get("BatchSize"), DEFAULT_SQS_BATCH_SIZE))
                .reportBatchItemFailures(
                        asList(properties.get("FunctionResponseTypes"))
                                .contains("ReportBatchItemFailures"))
                .visibilityTimeoutSeconds(
                        FunctionSpec.integer(
                                template,
                                queue.get("VisibilityTimeout"),
                                DEFAULT_VISIBILITY_TIMEOUT_SECONDS))
                .maxReceiveCount(
                        Optional.ofNullable(redrive.get("maxReceiveCount"))
                                .map(count -> FunctionSpec.integer(template, count, 0)))
                .deadLetterQueueArn(
                        Optional.ofNullable(
                                template.resolveString(redrive.get("deadLetterTargetArn"))))
                .enabled(flag(properties.get("Enabled"), true))
                .build();
    }

    private FunctionEvent bucket(
            String functionId, String eventId, Map<String, Object> properties) {
        Optional<String> bucketId = referencedName(properties.get("Bucket"));
        if (bucketId.isEmpty()) {
            // SAM itself accepts only a Ref to a bucket of the same template
            return new OtherEvent(
                    functionId, eventId, S3Source.TYPE, "Bucket is not !Ref <Bucket>");
        }
        Object declaredEvents = properties.get("Events");
        List<String> events =
                declaredEvents instanceof List<?> many
                        ? many.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(declaredEvents));
        Map<String, String> filter = new LinkedHashMap<>();
        asList(asMap(asMap(properties.get("Filter")).get("S3Key")).get("Rules")).stream()
                .map(SamTemplate::asMap)
                .forEach(
                        rule ->
                                filter.put(
                                        String.valueOf(rule.get("Name")).toLowerCase(Locale.ROOT),
                                        template.resolveString(rule.get("Value"))));
        return new S3Source(
                functionId,
                eventId,
                bucketId.get(),
                template.reference(bucketId.get()),
                events,
                filter.getOrDefault("prefix", ""),
                filter.getOrDefault("suffix", ""));
    }

    private ScheduleSource schedule(
            String functionId, String eventId, String type, Map<String, Object> properties) {
        boolean v2 = type.equals(ScheduleSource.TYPE_V2);
        Object expression = properties.get(v2 ? "ScheduleExpression" : "Schedule");
        Object state = properties.get("State");
        boolean enabled =
                state != null
                        ? !"DISABLED".equalsIgnoreCase(String.valueOf(state))
                        : flag(properties.get("Enabled"), true);
        return new ScheduleSource(
                functionId,
                eventId,
                type,
                template.resolveString(expression),
                enabled,
                Optional.ofNullable(template.resolveString(properties.get("Input"))));
    }

    private Optional<String> referencedName(Object value) {
        return Optional.ofNullable(asMap(value).get("Ref")).map(String::valueOf);
    }

    /**
     * A resolved value where one is knowable, else the intrinsic as written (still names its
     * target).
     */
    private String describe(Object value) {
        return Optional.ofNullable(template.resolveString(value)).orElse(String.valueOf(value));
    }

    private static boolean flag(Object value, boolean fallback) {
        return value == null ? fallback : Boolean.parseBoolean(String.valueOf(value));
    }
}
