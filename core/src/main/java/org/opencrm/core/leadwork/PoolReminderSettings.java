package org.opencrm.core.leadwork;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * When a lead waiting in the pool reminds its region's team leads: run-time configuration
 * {@code poolReminders}, versioned and rolled back like every other.
 *
 * @param afterMinutes how long a pool stay has lasted at each reminder, strictly increasing; each
 *     is sent once per stay
 */
public record PoolReminderSettings(List<Integer> afterMinutes) {

    public static final String NAME = "poolReminders";
    public static final int MAX_REMINDERS = 10;

    /**
     * A week: a lead waiting longer than that is the nowhere check's business, not a reminder's.
     */
    public static final int MAX_MINUTES = 10_080;

    public PoolReminderSettings {
        afterMinutes = afterMinutes == null ? List.of() : List.copyOf(afterMinutes);
    }

    public static final ConfigDefinition<PoolReminderSettings> DEFINITION =
            new ConfigDefinition<>(
                    NAME, PoolReminderSettings.class, defaults(), PoolReminderSettings::problems);

    /** The figures: at 30 minutes and at 2 hours. */
    static PoolReminderSettings defaults() {
        return new PoolReminderSettings(List.of(30, 120));
    }

    /** The wait of the reminder after {@code sent} reminders. */
    public Duration threshold(int sent) {
        return Duration.ofMinutes(afterMinutes.get(sent));
    }

    /** How many reminders a stay that began at {@code pooledAt} has reached by {@code now}. */
    public int reached(Instant pooledAt, Instant now) {
        Duration waited = Duration.between(pooledAt, now);
        int reached = 0;
        while (reached < count() && waited.compareTo(threshold(reached)) >= 0) {
            reached++;
        }
        return reached;
    }

    public int count() {
        return afterMinutes.size();
    }

    static List<FieldProblem> problems(PoolReminderSettings value) {
        List<FieldProblem> problems = new ArrayList<>();
        if (value.afterMinutes().size() > MAX_REMINDERS) {
            problems.add(
                    new FieldProblem(
                            "value.afterMinutes",
                            "itemCount",
                            "at most " + MAX_REMINDERS + " reminders",
                            MAX_REMINDERS));
        }
        int previous = 0;
        for (int i = 0; i < value.afterMinutes().size(); i++) {
            Integer minutes = value.afterMinutes().get(i);
            String field = "value.afterMinutes." + i;
            if (minutes == null || minutes < 1 || minutes > MAX_MINUTES) {
                problems.add(
                        new FieldProblem(
                                field, "range", "must be 1 to " + MAX_MINUTES, MAX_MINUTES));
                continue;
            }
            if (minutes <= previous) {
                problems.add(
                        new FieldProblem(
                                field,
                                "order",
                                "must be later than the reminder before it (" + previous + ")",
                                previous));
            }
            previous = minutes;
        }
        return problems;
    }
}
