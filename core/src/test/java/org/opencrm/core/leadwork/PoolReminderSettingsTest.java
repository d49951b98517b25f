package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;

/** The pool-age thresholds as plain rules: which reminders a stay has reached, and bad settings. */
class PoolReminderSettingsTest {

    private static final Instant POOLED = Instant.parse("2026-03-02T09:00:00Z");
    private final PoolReminderSettings settings = new PoolReminderSettings(List.of(30, 120));

    @Test
    void reached_countsTheThresholdsAStayHasPassed_fromTheMinuteEachFallsDue() {
        assertEquals(0, settings.reached(POOLED, POOLED.plus(Duration.ofMinutes(29))));
        assertEquals(1, settings.reached(POOLED, POOLED.plus(Duration.ofMinutes(30))));
        assertEquals(1, settings.reached(POOLED, POOLED.plus(Duration.ofMinutes(119))));
        assertEquals(2, settings.reached(POOLED, POOLED.plus(Duration.ofHours(2))));
        assertEquals(2, settings.reached(POOLED, POOLED.plus(Duration.ofDays(9))));
    }

    @Test
    void noThresholds_meansNoReminders() {
        assertEquals(
                0,
                new PoolReminderSettings(List.of())
                        .reached(POOLED, POOLED.plus(Duration.ofDays(1))));
    }

    @Test
    void thresholdsOutOfOrderOrOutOfRange_areRefusedWithFieldRuleAndLimit() {
        List<FieldProblem> problems =
                PoolReminderSettings.problems(new PoolReminderSettings(List.of(120, 30, 0)));

        assertEquals(2, problems.size(), problems.toString());
        assertEquals("value.afterMinutes.1", problems.get(0).field());
        assertEquals("order", problems.get(0).rule());
        assertEquals(120, problems.get(0).limit());
        assertEquals("value.afterMinutes.2", problems.get(1).field());
        assertEquals("range", problems.get(1).rule());
        assertEquals(PoolReminderSettings.MAX_MINUTES, problems.get(1).limit());
    }

    @Test
    void theDefaults_remindAt30MinutesAnd2Hours_andPassTheRules() {
        assertEquals(List.of(30, 120), PoolReminderSettings.defaults().afterMinutes());
        assertEquals(List.of(), PoolReminderSettings.problems(PoolReminderSettings.defaults()));
    }
}
