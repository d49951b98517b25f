package org.opencrm.core.activity;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/**
 * {@code logActivity}'s input: exactly one of customer, lead or deal; the rest as the rep wrote it.
 *
 * @param occurredAt when it happened; null means now
 * @param nextFollowUpAt when to remind the actor to follow up again; null for no reminder
 */
@RecordBuilder
public record ActivityInput(
        String customerId,
        String leadId,
        String dealId,
        ActivityKind kind,
        String body,
        Instant occurredAt,
        Integer durationSeconds,
        String outcome,
        Instant nextFollowUpAt) {

    public static ActivityInputBuilder builder() {
        return ActivityInputBuilder.builder();
    }
}
