package org.opencrm.template;

import java.util.Optional;

/**
 * A {@code Schedule} or {@code ScheduleV2} event.
 *
 * @param expression {@code rate(...)} or {@code cron(...)}, as declared
 * @param enabled {@code Enabled} (Schedule) or {@code State} (ScheduleV2); true unless switched off
 * @param input the {@code Input} JSON that replaces the scheduled event, if declared
 */
public record ScheduleSource(
        String functionLogicalId,
        String eventId,
        String type,
        String expression,
        boolean enabled,
        Optional<String> input)
        implements FunctionEvent {

    public static final String TYPE = "Schedule";
    public static final String TYPE_V2 = "ScheduleV2";
}
