package org.opencrm.core.calendar;

import java.time.Duration;
import java.time.LocalTime;

/**
 * One stretch of a working day's business hours, in the calendar's local time: {@code 09:00} to
 * {@code 12:00}. Strings like the calendar's dates, so a typo is a field problem rather than a
 * binding error; {@link WorkingCalendar#problems} checks them.
 *
 * @param from when the stretch begins, e.g. "09:00"
 * @param to when it ends (exclusive), later the same day, e.g. "12:00"
 */
public record BusinessHours(String from, String to) {

    /** The parsed stretch; only for values that passed {@link WorkingCalendar#problems}. */
    Range range() {
        return new Range(LocalTime.parse(from), LocalTime.parse(to));
    }

    /** A parsed stretch [from, to) within one day. */
    record Range(LocalTime from, LocalTime to) {

        Duration length() {
            return Duration.between(from, to);
        }

        /** How much of [start, end) of the same day lies in this stretch. */
        Duration overlap(LocalTime start, LocalTime end) {
            LocalTime begin = start.isAfter(from) ? start : from;
            LocalTime finish = end.isBefore(to) ? end : to;
            return begin.isBefore(finish) ? Duration.between(begin, finish) : Duration.ZERO;
        }
    }
}
