package org.opencrm.core.error;

/** The machine-readable codes clients switch on ({@code extensions.code}). */
public enum ErrorCode {
    BAD_USER_INPUT,
    UNAUTHENTICATED,
    FORBIDDEN,
    FORBIDDEN_FIELD,
    ACCOUNT_SUSPENDED,
    NOT_FOUND,
    DUPLICATE,
    VERSION_CONFLICT,
    /** A deal move refused: {@code extensions.unmet} lists every unmet condition. */
    STAGE_REQUIREMENTS_UNMET,
    /**
     * Over the caller's request budget: {@code extensions.retryAfterSeconds} says when to retry.
     */
    RATE_LIMITED,
    ENVIRONMENT_MISMATCH,
    /** An {@code Idempotency-Key} (or webhook delivery id) sent again with another request. */
    IDEMPOTENCY_KEY_REUSED,
    /** The first request with this {@code Idempotency-Key} is still running: retry later. */
    IDEMPOTENCY_IN_PROGRESS,
    /** Apollo's APQ: the hash names no stored query; send the query with its hash. */
    PERSISTED_QUERY_NOT_FOUND,
    /** Allow-list mode: the document is not a registered operation. */
    PERSISTED_QUERY_NOT_ALLOWED,
    /** Nothing could be stored just now; retry after {@code extensions.retryAfterSeconds}. */
    UNAVAILABLE,
    INTERNAL
}
