package org.opencrm.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Business time over the default calendar: China's 2026 holidays and 调休 days, 09:00-12:00 and
 * 13:30-18:00 in Beijing. Pure. Expected instants are worked out by hand in the comments.
 */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final BusinessCalendar CHINA = WorkingCalendar.defaults().business();

    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static Duration hours(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }

    @Test
    void aFriday1700Start_withEightBusinessHours_landsOnTheTuesdayAfterQingmingMonday() {
        // GIVEN Friday 2026-04-03 17:00; Monday 04-06 is 清明节
        Instant start = beijing("2026-04-03T17:00");

        // WHEN 8 business hours are added
        Instant due = CHINA.plusBusinessTime(start, hours(8));

        // THEN Friday 17:00-18:00 (1 h), the weekend and the holiday skipped, Tuesday 09:00-12:00
        // (3 h) and 13:30-17:30 (4 h)
        assertEquals(beijing("2026-04-07T17:30"), due);
    }

    @Test
    void aFriday1700Start_afterGoldenWeek_countsTheMakeUpSaturday() {
        // GIVEN Friday 2026-10-09 17:00, the Saturday after it (10-10) worked for National Day
        Instant start = beijing("2026-10-09T17:00");

        // WHEN 8 business hours are added
        Instant due = CHINA.plusBusinessTime(start, hours(8));

        // THEN 1 h on Friday and 7 h on the make-up Saturday
        assertEquals(beijing("2026-10-10T17:30"), due);
    }

    @Test
    void aStartBeforeGoldenWeek_skipsTheWholeHolidayBlock_toTheMakeUpSaturday() {
        // GIVEN Wednesday 2026-09-30 17:00, the eve of National Day (Oct 1-7 off)
        Instant start = beijing("2026-09-30T17:00");

        // WHEN 20 business hours are added
        Instant due = CHINA.plusBusinessTime(start, hours(20));

        // THEN 1 h on Sep 30, 7.5 h on Thu Oct 8, 7.5 h on Fri Oct 9, then 4 h of Sat Oct 10:
        // 09:00-12:00 and 13:30-14:30
        assertEquals(beijing("2026-10-10T14:30"), due);
    }

    @Test
    void theLunchBreak_doesNotCount() {
        // GIVEN 11:00 on an ordinary Tuesday
        Instant start = beijing("2026-12-01T11:00");

        // WHEN 2 business hours are added
        Instant due = CHINA.plusBusinessTime(start, hours(2));

        // THEN 11:00-12:00, then 13:30-14:30
        assertEquals(beijing("2026-12-01T14:30"), due);
        assertEquals(hours(2), CHINA.businessTimeBetween(start, due));
        assertEquals(hours(1), CHINA.businessTimeBetween(start, beijing("2026-12-01T13:30")));
    }

    @Test
    void aStartInTheLunchBreak_countsFrom1330() {
        assertEquals(
                beijing("2026-12-01T14:30"),
                CHINA.plusBusinessTime(beijing("2026-12-01T12:30"), hours(1)));
    }

    @Test
    void aDeadlineAtTheEndOfTheMorning_isNoon_notTheEndOfLunch() {
        assertEquals(
                beijing("2026-12-01T12:00"),
                CHINA.plusBusinessTime(beijing("2026-12-01T09:00"), hours(3)));
    }

    @Test
    void aStartOnAHoliday_countsFromTheNextWorkingMorning() {
        // GIVEN Labour Day, Friday 2026-05-01 10:00 (May 1-5 off)
        Instant start = beijing("2026-05-01T10:00");

        // WHEN 1 business hour is added
        Instant due = CHINA.plusBusinessTime(start, hours(1));

        // THEN it counts from Wednesday May 6 09:00
        assertEquals(beijing("2026-05-06T10:00"), due);
    }

    @Test
    void aStartAfterHours_countsFromTheNextWorkingMorning() {
        assertEquals(
                beijing("2026-12-07T09:30"),
                CHINA.plusBusinessTime(beijing("2026-12-04T19:00"), hours(0.5)));
    }

    @Test
    void businessTimeBetween_acrossTheGoldenWeek_countsOnlyTheWorkedDays() {
        // GIVEN Monday Sep 28 09:00 to Monday Oct 12 09:00: Sep 28, 29, 30, Oct 8, 9 and the
        // make-up Saturday Oct 10 worked; Oct 1-7 and Sunday Oct 11 off
        Duration worked =
                CHINA.businessTimeBetween(beijing("2026-09-28T09:00"), beijing("2026-10-12T09:00"));

        // THEN six working days of 7.5 h
        assertEquals(hours(6 * 7.5), worked);
    }

    @Test
    void businessTimeBetween_isHalfOpen_andZeroWhenReversed() {
        Instant nine = beijing("2026-12-01T09:00");
        Instant ten = beijing("2026-12-01T10:00");

        assertEquals(hours(1), CHINA.businessTimeBetween(nine, ten));
        assertEquals(Duration.ZERO, CHINA.businessTimeBetween(ten, nine));
        assertEquals(Duration.ZERO, CHINA.businessTimeBetween(nine, nine));
    }

    @Test
    void theDayIsBeijings_notUtcs() {
        // 2026-12-01T01:00Z is 09:00 in Beijing, the start of business
        Instant nineInBeijing = Instant.parse("2026-12-01T01:00:00Z");

        assertEquals(
                Instant.parse("2026-12-01T02:00:00Z"),
                CHINA.plusBusinessTime(nineInBeijing, hours(1)));
        assertEquals(SHANGHAI, CHINA.zone());
    }

    @Test
    void zeroBusinessTime_isTheStartItself_andNegativeIsRefused() {
        Instant lunch = beijing("2026-12-01T12:30");

        assertEquals(lunch, CHINA.plusBusinessTime(lunch, Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> CHINA.plusBusinessTime(lunch, Duration.ofMinutes(-1)));
    }

    @Test
    void isWorkingDay_followsTheHolidaysAndMakeUpDays() {
        assertFalse(CHINA.isWorkingDay(LocalDate.parse("2026-02-16")));
        assertTrue(CHINA.isWorkingDay(LocalDate.parse("2026-02-14")));
        assertTrue(CHINA.isWorkingDay(LocalDate.parse("2026-02-24")));
    }

    @Test
    void plusBusinessTime_andBusinessTimeBetween_areInverse_forManyRandomStarts() {
        // GIVEN 2,000 random starts through 2026 (any second, in or out of hours) and random
        // targets up to 200 business hours; fixed seed so a failure repeats
        Random random = new Random(20261001L);
        Instant yearStart = beijing("2026-01-01T00:00");
        long secondsInYear = Duration.ofDays(365).toSeconds();
        for (int i = 0; i < 2_000; i++) {
            Instant start = yearStart.plusSeconds((long) (random.nextDouble() * secondsInYear));
            Duration target = Duration.ofSeconds((long) (random.nextDouble() * 200 * 3600));

            // WHEN the deadline is computed and the business time up to it measured
            Instant due = CHINA.plusBusinessTime(start, target);

            // THEN exactly the target lies between, and not a second less before the deadline
            String label = start + " + " + target;
            assertEquals(target, CHINA.businessTimeBetween(start, due), label);
            if (!target.isZero()) {
                assertTrue(
                        CHINA.businessTimeBetween(start, due.minusSeconds(1)).compareTo(target) < 0,
                        label);
            }
        }
    }

    @Test
    void businessTimeBetween_thenPlusBusinessTime_neverOvershoots_forManyRandomSpans() {
        Random random = new Random(20260214L);
        Instant yearStart = beijing("2026-01-01T00:00");
        long secondsInYear = Duration.ofDays(365).toSeconds();
        for (int i = 0; i < 2_000; i++) {
            Instant from = yearStart.plusSeconds((long) (random.nextDouble() * secondsInYear));
            Instant to = from.plusSeconds((long) (random.nextDouble() * 60 * 86_400));

            Instant reached = CHINA.plusBusinessTime(from, CHINA.businessTimeBetween(from, to));

            String label = from + " to " + to;
            assertFalse(reached.isAfter(to), label);
            assertEquals(Duration.ZERO, CHINA.businessTimeBetween(reached, to), label);
        }
    }

    @Test
    void aThousandBusinessHours_isComputedWithoutWalkingMinuteByMinute() {
        // GIVEN a start on the first working day of 2026
        Instant start = beijing("2026-01-05T09:00");

        // WHEN 1,000 business hours are added, 10,000 times
        long began = System.nanoTime();
        Instant due = null;
        for (int i = 0; i < 10_000; i++) {
            due = CHINA.plusBusinessTime(start, Duration.ofHours(1_000));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        // THEN it measures back to 1,000 hours, and all of them took well under a few seconds (a
        // minute-by-minute walk is 60,000 steps each: 600 million in all)
        assertEquals(Duration.ofHours(1_000), CHINA.businessTimeBetween(start, due));
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }

    @Test
    void customBusinessHours_areHonoured() {
        // GIVEN a calendar of 08:00-20:00 without a lunch break and without holidays
        BusinessCalendar longDays =
                new WorkingCalendar(
                                "Asia/Shanghai",
                                List.of(),
                                List.of(),
                                5,
                                List.of(new BusinessHours("08:00", "20:00")))
                        .business();

        // THEN 14 h from Friday 19:00 is 1 h on Friday and 13 h up to Tuesday 09:00
        assertEquals(Duration.ofHours(12), longDays.businessDay());
        assertEquals(
                beijing("2026-12-08T09:00"),
                longDays.plusBusinessTime(beijing("2026-12-04T19:00"), Duration.ofHours(14)));
    }
}
