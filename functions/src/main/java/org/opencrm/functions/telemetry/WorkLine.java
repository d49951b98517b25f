package org.opencrm.functions.telemetry;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.core.metrics.BusinessEvent;

/**
 * The one JSON log line of a unit of work and its metrics, composed without I/O. Everything a user
 * supplied (operation names, channels, error fields and messages) is masked here, the one place.
 *
 * @param unit what ran
 * @param requestId the request id the line goes by
 * @param outcome what came out, or null when the work threw
 * @param failure what the work threw, or null
 * @param durationMs wall-clock time of the work
 * @param dynamoDbCalls DynamoDB calls the work made
 * @param events business events the work counted
 */
public record WorkLine(
        WorkUnit unit,
        String requestId,
        WorkOutcome outcome,
        Throwable failure,
        long durationMs,
        long dynamoDbCalls,
        Map<BusinessEvent, Long> events) {

    public WorkLine {
        // in the events' declaration order, so lines and metrics list them alike
        EnumMap<BusinessEvent, Long> ordered = new EnumMap<>(BusinessEvent.class);
        ordered.putAll(events);
        events = Collections.unmodifiableMap(ordered);
    }

    /** The operation, masked: a client names its GraphQL operations as it likes. */
    public String operation() {
        return Masking.mask(unit.operation());
    }

    /** The line's fields, in the order they are written. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", requestId);
        fields.put("kind", unit.kind());
        fields.put("operation", operation());
        // the verified token's subject: an id the org assigned, not text a user typed
        putPresent(fields, "callerId", unit.callerId());
        putPresent(fields, "callerRole", unit.callerRole());
        putPresent(fields, "channel", Masking.mask(unit.channel()));
        fields.put("durationMs", durationMs);
        fields.put("dynamoDbCalls", dynamoDbCalls);
        if (outcome != null) {
            if (outcome.status() != null) {
                fields.put("status", outcome.status());
                fields.put("errorCodes", outcome.errorCodes());
            }
            if (!outcome.errors().isEmpty()) {
                fields.put("errors", outcome.errors().stream().map(WorkLine::masked).toList());
            }
            fields.putAll(outcome.counts());
        }
        if (failure != null) {
            fields.put("failure", failure.getClass().getName());
            fields.put("failureMessage", Masking.mask(failure.getMessage()));
        }
        events.forEach((event, times) -> fields.put(event.fieldName(), times));
        return fields;
    }

    /**
     * The metrics of the unit: its business events, and what went wrong (errors answered to
     * clients, stream records that failed, runs that threw).
     */
    public Map<String, Long> metrics() {
        Map<String, Long> metrics = new LinkedHashMap<>();
        events.forEach((event, times) -> metrics.put(event.metricName(), times));
        if (outcome != null && !outcome.errors().isEmpty()) {
            metrics.put(errorMetric(), (long) outcome.errors().size());
        }
        long recordFailures =
                outcome == null ? 0 : outcome.counts().getOrDefault("recordFailures", 0L);
        if (recordFailures > 0) {
            metrics.put("StreamRecordFailures", recordFailures);
        }
        if (failure != null) {
            metrics.put("InvocationFailures", 1L);
        }
        return metrics;
    }

    private String errorMetric() {
        return "webhook".equals(unit.kind()) ? "WebhookErrors" : "ApiErrors";
    }

    private static Map<String, Object> masked(ResponseError error) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("code", error.code());
        putPresent(shown, "field", Masking.mask(error.field()));
        putPresent(shown, "message", Masking.mask(error.message()));
        return shown;
    }

    private static void putPresent(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
