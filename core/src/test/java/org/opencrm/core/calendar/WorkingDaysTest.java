package org.opencrm.core.calendar;

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
    void theCalendarsDefault_isFiveWorkingDaysInBeijing_withChinas2026HolidaysAndMakeUpDays() {
        WorkingDays defaults = WorkingCalendar.defaults().days();

        assertEquals(5, WorkingCalendar.defaults().idleAfterWorkingDays());
        assertEquals(SHANGHAI, defaults.zone());
        // Golden Week off, the Sunday before and the Saturday after it worked (调休)
        assertFalse(defaults.isWorkingDay(LocalDate.parse("2026-10-05")));
        assertTrue(defaults.isWorkingDay(LocalDate.parse("2026-09-20")));
        assertTrue(defaults.isWorkingDay(LocalDate.parse("2026-10-10")));
        // an ordinary week is untouched
        assertTrue(defaults.isWorkingDay(LocalDate.parse("2026-11-30")));
        assertFalse(defaults.isWorkingDay(LocalDate.parse("2026-12-05")));
    }

    @Test
    void everyDefaultMakeUpDay_isAWeekendDay_andNoDefaultDateIsBothOffAndWorked() {
        WorkingCalendar defaults = WorkingCalendar.defaults();

        for (String makeUp : defaults.makeUpDays()) {
            java.time.DayOfWeek weekday = LocalDate.parse(makeUp).getDayOfWeek();
            assertTrue(
                    weekday == java.time.DayOfWeek.SATURDAY
                            || weekday == java.time.DayOfWeek.SUNDAY,
                    makeUp + " is a " + weekday);
            assertFalse(defaults.holidays().contains(makeUp), makeUp);
        }
        assertTrue(WorkingCalendar.problems(defaults).isEmpty());
    }

    @Test
    void aBadCalendar_namesEveryProblem_withFieldRuleAndLimit() {
        WorkingCalendar bad =
                new WorkingCalendar("Mars/Base", List.of("2026-13-01"), List.of(), 0, null);

        List<FieldProblem> problems = WorkingCalendar.problems(bad);

        assertEquals(
                List.of(
                        "value.zone/timeZone",
                        "value.idleAfterWorkingDays/range",
                        "value.holidays.0/isoDate"),
                problems.stream().map(p -> p.field() + "/" + p.rule()).toList());
        assertEquals(WorkingCalendar.MAX_IDLE_DAYS, problems.get(1).limit());
    }

    @Test
    void leftOutBusinessHours_areTheDefaultMorningAndAfternoon() {
        WorkingCalendar storedBeforeBusinessHours =
                new WorkingCalendar("Asia/Shanghai", List.of(), List.of(), 5, null);

        assertEquals(
                List.of(new BusinessHours("09:00", "12:00"), new BusinessHours("13:30", "18:00")),
                storedBeforeBusinessHours.businessHours());
    }

    @Test
    void badBusinessHours_nameEveryProblem_withFieldRuleAndLimit() {
        // GIVEN a malformed time, a range ending before it begins, and one overlapping the one
        // before it
        List<BusinessHours> hours =
                List.of(
                        new BusinessHours("9h", "12:00"),
                        new BusinessHours("13:30", "18:00"),
                        new BusinessHours("17:00", "19:00"),
                        new BusinessHours("20:00", "19:30"));
        WorkingCalendar bad = new WorkingCalendar("Asia/Shanghai", List.of(), List.of(), 5, hours);

        // WHEN it is checked
        List<FieldProblem> problems = WorkingCalendar.problems(bad);

        // THEN each problem names its range
        assertEquals(
                List.of(
                        "value.businessHours.0.from/localTime",
                        "value.businessHours.2/ascending",
                        "value.businessHours.3/order"),
                problems.stream().map(p -> p.field() + "/" + p.rule()).toList());
        assertEquals("18:00", problems.get(1).limit());
    }

    @Test
    void moreThanSixRanges_orNone_areRefused_withTheLimit() {
        List<BusinessHours> seven = new java.util.ArrayList<>();
        for (int hour = 9; hour < 16; hour++) {
            seven.add(
                    new BusinessHours(
                            String.format("%02d:00", hour), String.format("%02d:30", hour)));
        }

        for (List<BusinessHours> hours : List.of(seven, List.<BusinessHours>of())) {
            List<FieldProblem> problems =
                    WorkingCalendar.problems(
                            new WorkingCalendar("Asia/Shanghai", List.of(), List.of(), 5, hours));

            assertEquals(
                    List.of("value.businessHours/itemCount"),
                    problems.stream().map(p -> p.field() + "/" + p.rule()).toList());
            assertEquals(WorkingCalendar.MAX_BUSINESS_HOURS, problems.get(0).limit());
        }
    }
}
