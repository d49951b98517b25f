package org.opencrm.core.activity;

import java.time.Instant;

/**
 * A customer's keyword auto-move window, held by the activity that moved (or is moving) one
 * of its deals until {@code expiresAt}.
 *
 * @param previousActivityId the activity that held the claim before this one was granted; equal to
 *     {@code activityId} when the same record came again
 * @param previousDealId the deal that activity claimed
 */
public record AutoMoveClaim(
        String customerId,
        String activityId,
        String dealId,
        Instant expiresAt,
        String previousActivityId,
        String previousDealId) {

    public static AutoMoveClaim of(
            String customerId, String activityId, String dealId, Instant expiresAt) {
        return new AutoMoveClaim(customerId, activityId, dealId, expiresAt, null, null);
    }

    AutoMoveClaim withoutPrevious() {
        return new AutoMoveClaim(customerId, activityId, dealId, expiresAt, null, null);
    }

    AutoMoveClaim after(String heldBy, String heldDeal) {
        return new AutoMoveClaim(customerId, activityId, dealId, expiresAt, heldBy, heldDeal);
    }

    /** This activity held the claim already: the record came again. */
    public boolean isRedelivery() {
        return activityId.equals(previousActivityId);
    }
}
