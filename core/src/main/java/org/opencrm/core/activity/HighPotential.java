package org.opencrm.core.activity;

import java.time.Instant;
import java.util.List;

/**
 * A customer marked high potential: the activities that earned it, each with its matched
 * text, and when.
 */
public record HighPotential(String customerId, List<TagMatchOf> activities, Instant markedAt) {

    public HighPotential {
        activities = List.copyOf(activities);
    }

    /** One activity's match that counted. */
    public record TagMatchOf(String activityId, Instant occurredAt, String matched) {}

    /** The reason shown: "先试试 (a1), 给个测试账号 (a2), 下周安排 (a3)". */
    public String reason() {
        return String.join(
                ", ",
                activities.stream()
                        .map(match -> match.matched() + " (" + match.activityId() + ")")
                        .toList());
    }
}
