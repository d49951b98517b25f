package org.opencrm.core.activity;

import java.time.Instant;

/**
 * A pending follow-up reminder: the actor of {@code activityId} is told once when {@code dueAt}
 * comes. A re-set time is a new reminder (its notification id names the time).
 */
public record FollowUpReminder(
        String activityId, String recipientId, String customerId, Instant dueAt, String summary) {

    /**
     * The notification's id: one per activity and due time, so a repeat sweep tells nobody twice.
     */
    public String cause() {
        return "followup:" + activityId + "@" + dueAt;
    }
}
