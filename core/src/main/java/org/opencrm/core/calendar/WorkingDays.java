package org.opencrm.core.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working days as China's offices keep them: Monday to Friday, except public holidays, plus the
 * weekend days the State Council makes into working days (调休). Pure.
 *
 * @param zone where a day begins and ends
 * @param holidays weekdays off
 * @param makeUpDays weekend days worked
 */
public record WorkingDays(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> makeUpDays) {

    public WorkingDays {
        holidays = Set.copyOf(holidays);
        makeUpDays = Set.copyOf(makeUpDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeUpDays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY;
    }

    /**
     * The same local time of day {@code days} working days after {@code from}'s day: Monday 10:00
     * plus 5 is next Monday 10:00; Saturday 10:00 plus 5 is the next Friday 10:00.
     */
    public Instant plus(Instant from, int days) {
        ZonedDateTime start = from.atZone(zone);
        LocalDate day = start.toLocalDate();
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day.atTime(start.toLocalTime()).atZone(zone).toInstant();
    }
}
