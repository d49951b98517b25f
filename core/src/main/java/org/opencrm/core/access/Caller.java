package org.opencrm.core.access;

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
public record Caller(
        String userId, Role role, String region, String team, String requestId, String sourceIp) {

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(requestId, "requestId");
    }
}
