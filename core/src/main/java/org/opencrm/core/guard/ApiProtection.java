package org.opencrm.core.guard;

import org.opencrm.core.idempotency.Idempotency;
import org.opencrm.core.persisted.PersistedQueryService;
import org.opencrm.core.ratelimit.RateLimiter;

/**
 * What keeps the API safe to flood and to retry (issue 18 items 5-6), wired once per container:
 * request budgets, idempotency keys, automatic persisted queries.
 */
public record ApiProtection(
        RateLimiter budgets, Idempotency idempotency, PersistedQueryService persistedQueries) {}
