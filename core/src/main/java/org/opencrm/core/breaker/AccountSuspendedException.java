package org.opencrm.core.breaker;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/**
 * The request crossed a sensitive-operation threshold: refused, and the account suspended.
 */
public final class AccountSuspendedException extends CrmException {

    private final String rule;
    private final long limit;

    public AccountSuspendedException(String message, String rule, long limit) {
        super(message);
        this.rule = rule;
        this.limit = limit;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.ACCOUNT_SUSPENDED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("rule", rule, "limit", limit);
    }
}
