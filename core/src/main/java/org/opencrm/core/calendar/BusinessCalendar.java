package org.opencrm.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.opencrm.core.calendar.BusinessHours.Range;

/**
 * Business time: the business hours of working days, in the calendar's zone. Pure and
 * immutable; build it once from the configuration in force ({@link WorkingCalendar#business()}).
 *
 * <p>Business time is measured on the local clock face: the business hours of a working day count,
 * nothing else does. Both methods walk day by day and take a working day that lies wholly inside
 * the span as one step of {@link #businessDay()}, so a target of 1,000 business hours is some 190
 * steps, never a loop per minute.
 */
public final class BusinessCalendar {

    private final WorkingDays days;
    private final List<Range> hours;
    private final Duration businessDay;

    /**
     * @param days which days are worked
     * @param hours the stretches of a working day, ascending and not overlapping, at least one
     */
    BusinessCalendar(WorkingDays days, List<Range> hours) {
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs business hours");
        }
        this.days = days;
        this.hours = List.copyOf(hours);
        this.businessDay =
                this.hours.stream().map(Range::length).reduce(Duration.ZERO, Duration::plus);
    }

    public ZoneId zone() {
        return days.zone();
    }

    /** A weekday that is not a holiday, or a make-up day (调休). */
    public boolean isWorkingDay(LocalDate day) {
        return days.isWorkingDay(day);
    }

    /** The business time of one whole working day (7.5 hours by default). */
    public Duration businessDay() {
        return businessDay;
    }

    /**
     * The earliest instant by which {@code businessTime} of business hours has passed after {@code
     * start}. A start outside business hours counts from the next business minute (a start at 12:30
     * counts from 13:30, a start on a holiday from the next working morning); a deadline that falls
     * on the end of a stretch is that end (12:00, not 13:30). Zero is {@code start} itself.
     *
     * @throws IllegalArgumentException when {@code businessTime} is negative
     */
    public Instant plusBusinessTime(Instant start, Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException(
                    "business time must not be negative, got " + businessTime);
        }
        if (businessTime.isZero()) {
            return start;
        }
        ZonedDateTime local = start.atZone(zone());
        LocalDate day = local.toLocalDate();
        LocalTime from = local.toLocalTime();
        Duration remaining = businessTime;
        while (true) {
            // a whole working day is one subtraction, a day off one look-up: never per minute
            Duration available =
                    isWorkingDay(day) ? businessTimeOf(from, LocalTime.MAX) : Duration.ZERO;
            if (remaining.compareTo(available) <= 0) {
                return ZonedDateTime.of(day, timeAfter(from, remaining), zone()).toInstant();
            }
            remaining = remaining.minus(available);
            day = day.plusDays(1);
            from = LocalTime.MIN;
        }
    }

    /** The time of day by which {@code amount} of business time has passed after {@code from}. */
    private LocalTime timeAfter(LocalTime from, Duration amount) {
        Duration remaining = amount;
        for (Range range : hours) {
            Duration available = range.overlap(from, LocalTime.MAX);
            if (remaining.compareTo(available) <= 0) {
                LocalTime begin = from.isAfter(range.from()) ? from : range.from();
                return begin.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw new IllegalStateException(amount + " is more than the rest of the day from " + from);
    }

    /**
     * The business time inside {@code [from, to)}; zero when {@code to} is not after {@code from}.
     */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZonedDateTime start = from.atZone(zone());
        ZonedDateTime end = to.atZone(zone());
        LocalDate lastDay = end.toLocalDate();
        Duration total = Duration.ZERO;
        LocalTime dayStart = start.toLocalTime();
        for (LocalDate day = start.toLocalDate(); !day.isAfter(lastDay); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                LocalTime dayEnd = day.equals(lastDay) ? end.toLocalTime() : LocalTime.MAX;
                total = total.plus(businessTimeOf(dayStart, dayEnd));
            }
            dayStart = LocalTime.MIN;
        }
        return total;
    }

    /** The business hours of one working day inside [start, end). */
    private Duration businessTimeOf(LocalTime start, LocalTime end) {
        if (start.equals(LocalTime.MIN) && end.equals(LocalTime.MAX)) {
            return businessDay;
        }
        Duration inside = Duration.ZERO;
        for (Range range : hours) {
            inside = inside.plus(range.overlap(start, end));
        }
        return inside;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + days + ", " + hours + "]";
    }
}
