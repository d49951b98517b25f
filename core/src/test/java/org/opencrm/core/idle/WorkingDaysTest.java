package org.opencrm.core.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;

/** Working days and the calendar's rules, pure. */
class WorkingDaysTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingDays PLAIN = new WorkingDays(SHANGHAI, Set.of(), Set.of());

    private static Instant beijing(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void fiveWorkingDaysAfterAMonday_isTheNextMonday_atTheSameTime() {
        assertEquals(beijing("2026-12-07T10:00"), PLAIN.plus(beijing("2026-11-30T10:00"), 5));
    }

    @Test
    void fiveWorkingDaysAfterAFriday_skipTheWeekend_toTheNextFriday() {
        assertEquals(beijing("2026-12-11T17:30"), PLAIN.plus(beijing("2026-12-04T17:30"), 5));
    }

    @Test
    void workDoneOnASaturday_countsFromTheMondayAfter() {
        assertEquals(beijing("2026-12-11T09:00"), PLAIN.plus(beijing("2026-12-05T09:00"), 5));
    }

    @Test
    void theDayIsChinas_notUtcs() {
        // 2026-12-04 23:30 UTC is already Saturday morning in Beijing
        Instant lateFridayUtc = Instant.parse("2026-12-04T23:30:00Z");

        assertEquals(beijing("2026-12-11T07:30"), PLAIN.plus(lateFridayUtc, 5));
    }

    @Test
    void holidaysAreSkipped_andMakeUpWeekendDaysCount() {
        // GIVEN Golden Week off (Oct 1-2 and 5-7) and Saturday Oct 10 worked instead
        WorkingDays goldenWeek =
                new WorkingDays(
                        SHANGHAI,
                        Set.of(
                                LocalDate.parse("2026-10-01"),
                                LocalDate.parse("2026-10-02"),
                                LocalDate.parse("2026-10-05"),
                                LocalDate.parse("2026-10-06"),
                                LocalDate.parse("2026-10-07")),
                        Set.of(LocalDate.parse("2026-10-10")));

        // WHEN five working days are counted from the day before the holiday
        Instant due = goldenWeek.plus(beijing("2026-09-30T10:00"), 5);

        // THEN Oct 8, 9, 10 (make-up Saturday), 12, 13
        assertEquals(beijing("2026-10-13T10:00"), due);
        assertTrue(goldenWeek.isWorkingDay(LocalDate.parse("2026-10-10")));
        assertFalse(goldenWeek.isWorkingDay(LocalDate.parse("2026-10-05")));
        assertFalse(goldenWeek.isWorkingDay(LocalDate.parse("2026-10-11")));
    }

    @Test
    void theCalendarsDefault_isFiveWorkingDaysInBeijing_withNoHolidays() {
        WorkingCalendar defaults = WorkingCalendar.defaults();

        assertEquals(5, defaults.idleAfterWorkingDays());
        assertEquals(PLAIN, defaults.days());
    }

    @Test
    void aBadCalendar_namesEveryProblem_withFieldRuleAndLimit() {
        WorkingCalendar bad = new WorkingCalendar("Mars/Base", List.of("2026-13-01"), List.of(), 0);

        List<FieldProblem> problems = WorkingCalendar.problems(bad);

        assertEquals(
                List.of(
                        "value.zone/timeZone",
                        "value.idleAfterWorkingDays/range",
                        "value.holidays.0/isoDate"),
                problems.stream().map(p -> p.field() + "/" + p.rule()).toList());
        assertEquals(WorkingCalendar.MAX_IDLE_DAYS, problems.get(1).limit());
    }
}
