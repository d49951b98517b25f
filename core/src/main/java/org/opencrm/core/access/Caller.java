package org.opencrm.core.access;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;

/**
 * Who is asking and from where; every write stamps these on the item so the stream-fed audit trail
 * knows who changed what from where.
 *
 * @param userId the token's subject
 * @param role from the {@code custom:role} claim
 * @param region from the {@code custom:region} claim (may be null for org-wide roles)
 * @param team from the {@code custom:team} claim (may be null)
 * @param requestId API Gateway's request id
 * @param sourceIp the client address API Gateway saw
 */
@RecordBuilder
public record Caller(
        String userId, Role role, String region, String team, String requestId, String sourceIp) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * A new caller, every component named (region and team are both text, and easily swapped by
     * position); what is left unset is null.
     */
    public static CallerBuilder builder() {
        return CallerBuilder.builder();
    }
}
