package org.opencrm.core.calendar;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The one business calendar (R-17 idle reps, R-25 ticket SLAs): run-time configuration {@code
 * workingCalendar}, versioned and rolled back like every other, so next year's holidays are an
 * admin's edit. {@link #days()} gives the working days, {@link #business()} the business hours.
 *
 * @param zone the offices' time zone, e.g. Asia/Shanghai
 * @param holidays ISO dates of days off (public holidays; weekend days in a block are harmless)
 * @param makeUpDays ISO dates of weekend days worked (调休)
 * @param idleAfterWorkingDays a rep with no activity for this many working days is idle
 * @param businessHours the stretches of a working day that count, ascending, not overlapping; left
 *     out (a version stored before they existed) means the default 09:00-12:00, 13:30-18:00
 */
public record WorkingCalendar(
        String zone,
        List<String> holidays,
        List<String> makeUpDays,
        int idleAfterWorkingDays,
        List<BusinessHours> businessHours) {

    public static final String NAME = "workingCalendar";
    public static final int MAX_IDLE_DAYS = 60;
    public static final int MAX_DATES = 500;
    public static final int MAX_BUSINESS_HOURS = 6;

    /** A morning and an afternoon with a lunch break, as China's offices keep them. */
    public static final List<BusinessHours> DEFAULT_BUSINESS_HOURS =
            List.of(new BusinessHours("09:00", "12:00"), new BusinessHours("13:30", "18:00"));

    public WorkingCalendar {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        makeUpDays = makeUpDays == null ? List.of() : List.copyOf(makeUpDays);
        businessHours = businessHours == null ? DEFAULT_BUSINESS_HOURS : List.copyOf(businessHours);
    }

    public static final ConfigDefinition<WorkingCalendar> DEFINITION =
            new ConfigDefinition<>(
                    NAME, WorkingCalendar.class, defaults(), WorkingCalendar::problems);

    /**
     * Mondays to Fridays in China's time with China's 2026 public holidays and make-up working
     * days, 09:00-12:00 and 13:30-18:00; 5 days idle.
     */
    static WorkingCalendar defaults() {
        return new WorkingCalendar(
                "Asia/Shanghai",
                ChinaHolidays.HOLIDAYS,
                ChinaHolidays.MAKE_UP_DAYS,
                5,
                DEFAULT_BUSINESS_HOURS);
    }

    public WorkingDays days() {
        return new WorkingDays(ZoneId.of(zone), dates(holidays), dates(makeUpDays));
    }

    /** The business hours over these working days; only for values that passed the rules. */
    public BusinessCalendar business() {
        return new BusinessCalendar(
                days(), businessHours.stream().map(BusinessHours::range).toList());
    }

    private static java.util.Set<LocalDate> dates(List<String> isoDates) {
        return isoDates.stream().map(LocalDate::parse).collect(Collectors.toSet());
    }

    static List<FieldProblem> problems(WorkingCalendar value) {
        List<FieldProblem> problems = new ArrayList<>();
        try {
            ZoneId.of(value.zone() == null ? "" : value.zone());
        } catch (DateTimeException unknown) {
            problems.add(
                    new FieldProblem("value.zone", "timeZone", "must be a time zone id", null));
        }
        if (value.idleAfterWorkingDays() < 1 || value.idleAfterWorkingDays() > MAX_IDLE_DAYS) {
            problems.add(
                    new FieldProblem(
                            "value.idleAfterWorkingDays",
                            "range",
                            "must be 1 to " + MAX_IDLE_DAYS,
                            MAX_IDLE_DAYS));
        }
        checkDates("value.holidays", value.holidays(), problems);
        checkDates("value.makeUpDays", value.makeUpDays(), problems);
        checkBusinessHours(value.businessHours(), problems);
        return problems;
    }

    /**
     * Each stretch two well-formed times within one day, {@code from} before {@code to}, each
     * beginning at or after the end of the one before; 1 to {@link #MAX_BUSINESS_HOURS}.
     */
    private static void checkBusinessHours(List<BusinessHours> hours, List<FieldProblem> problems) {
        String field = "value.businessHours";
        if (hours.isEmpty() || hours.size() > MAX_BUSINESS_HOURS) {
            problems.add(
                    new FieldProblem(
                            field,
                            "itemCount",
                            "1 to " + MAX_BUSINESS_HOURS + " ranges, got " + hours.size(),
                            MAX_BUSINESS_HOURS));
        }
        LocalTime previousEnd = null;
        for (int i = 0; i < hours.size(); i++) {
            String at = field + "." + i;
            LocalTime from =
                    time(at + ".from", hours.get(i) == null ? null : hours.get(i).from(), problems);
            LocalTime to =
                    time(at + ".to", hours.get(i) == null ? null : hours.get(i).to(), problems);
            if (from == null || to == null) {
                previousEnd = null;
                continue;
            }
            if (!from.isBefore(to)) {
                problems.add(
                        new FieldProblem(
                                at,
                                "order",
                                "must end after it begins, within one day: got " + from + "-" + to,
                                null));
            } else if (previousEnd != null && from.isBefore(previousEnd)) {
                problems.add(
                        new FieldProblem(
                                at,
                                "ascending",
                                "must begin at or after "
                                        + previousEnd
                                        + ", the end of the range before, got "
                                        + from,
                                previousEnd.toString()));
            }
            previousEnd = to;
        }
    }

    private static LocalTime time(String field, String text, List<FieldProblem> problems) {
        try {
            return LocalTime.parse(text == null ? "" : text);
        } catch (DateTimeParseException notATime) {
            problems.add(new FieldProblem(field, "localTime", "must be a time like 09:00", null));
            return null;
        }
    }

    private static void checkDates(String field, List<String> dates, List<FieldProblem> problems) {
        if (dates.size() > MAX_DATES) {
            problems.add(
                    new FieldProblem(
                            field, "itemCount", "at most " + MAX_DATES + " dates", MAX_DATES));
        }
        for (int i = 0; i < dates.size(); i++) {
            try {
                LocalDate.parse(dates.get(i) == null ? "" : dates.get(i));
            } catch (DateTimeParseException notADate) {
                problems.add(
                        new FieldProblem(
                                field + "." + i,
                                "isoDate",
                                "must be a date like 2026-10-01",
                                null));
            }
        }
    }
}
