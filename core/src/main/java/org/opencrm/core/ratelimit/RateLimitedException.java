package org.opencrm.core.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** Over a request budget: refused, with how long to wait ({@code Retry-After}). */
public final class RateLimitedException extends CrmException {

    private final String rule;
    private final int limit;
    private final int burst;
    private final long retryAfterSeconds;

    RateLimitedException(String message, String rule, Budget budget, long retryAfterSeconds) {
        super(message);
        this.rule = rule;
        this.limit = budget.perSecond();
        this.burst = budget.burst();
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.RATE_LIMITED;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", rule);
        details.put("limit", limit);
        details.put("burst", burst);
        details.put("retryAfterSeconds", retryAfterSeconds);
        return details;
    }
}
