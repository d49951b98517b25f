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
    RATE_LIMITED,
    ENVIRONMENT_MISMATCH,
    INTERNAL
}
