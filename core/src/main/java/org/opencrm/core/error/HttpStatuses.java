package org.opencrm.core.error;

import java.util.Map;

/**
 * The one table from an error code to the HTTP status of a request refused before execution (the
 * GraphQL request guards, the chart routes, the lead webhook), and the {@code Retry-After} a
 * refusal carries when its error says when to retry ({@code extensions.retryAfterSeconds}).
 */
public final class HttpStatuses {

    private static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    private HttpStatuses() {}

    public static int of(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED, ACCOUNT_SUSPENDED -> 401;
            case FORBIDDEN, FORBIDDEN_FIELD, PERSISTED_QUERY_NOT_ALLOWED -> 403;
            case NOT_FOUND -> 404;
            case IDEMPOTENCY_IN_PROGRESS -> 409;
            case IDEMPOTENCY_KEY_REUSED -> 422;
            case RATE_LIMITED -> 429;
            // Apollo's convention: the client reads the error and sends the text with the hash
            case PERSISTED_QUERY_NOT_FOUND -> 200;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
            default -> 400;
        };
    }

    /** The {@code Retry-After} header of a refusal whose error says when to retry; else none. */
    public static Map<String, String> retryAfter(CrmException refused) {
        return retryAfter(refused.details());
    }

    /** The {@code Retry-After} header of an error with these extensions' details; else none. */
    public static Map<String, String> retryAfter(Map<String, Object> details) {
        Object seconds = details.get(RETRY_AFTER_SECONDS);
        return seconds == null ? Map.of() : Map.of("Retry-After", seconds.toString());
    }
}
