package org.opencrm.functions.telemetry;

/**
 * What is known of a unit of work before it runs: an API request, a webhook delivery, a stream
 * batch or a schedule run.
 *
 * @param kind {@code api}, {@code webhook}, {@code batch}, {@code schedule} or {@code files}
 * @param operation the GraphQL operation, or the stream function's or schedule's name
 * @param requestId API Gateway's request id; null for Lambda's own (taken from the context)
 * @param callerId the verified token's subject (API requests)
 * @param callerRole the verified token's role (API requests)
 * @param channel the lead channel a webhook delivered for
 */
public record WorkUnit(
        String kind,
        String operation,
        String requestId,
        String callerId,
        String callerRole,
        String channel) {

    public static WorkUnit apiRequest(
            String requestId, String operation, String callerId, String callerRole) {
        return new WorkUnit("api", operation, requestId, callerId, callerRole, null);
    }

    public static WorkUnit webhook(String requestId, String channel) {
        return new WorkUnit("webhook", "leadWebhook", requestId, null, null, channel);
    }

    public static WorkUnit streamBatch(String function) {
        return new WorkUnit("batch", function, null, null, null, null);
    }

    /** The object events of a bucket notification, e.g. uploads arriving. */
    public static WorkUnit fileEvents(String function) {
        return new WorkUnit("files", function, null, null, null, null);
    }

    public static WorkUnit scheduleRun(String schedule) {
        return new WorkUnit("schedule", schedule, null, null, null, null);
    }
}
