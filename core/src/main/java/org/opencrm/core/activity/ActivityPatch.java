package org.opencrm.core.activity;

import java.time.Instant;

/**
 * {@code updateActivity}'s input: what an activity may say differently afterwards. A null field
 * keeps its value; {@code clearNextFollowUp} drops a pending reminder.
 */
public record ActivityPatch(
        String body, String outcome, Instant nextFollowUpAt, boolean clearNextFollowUp) {}
