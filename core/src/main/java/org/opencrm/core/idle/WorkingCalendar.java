package org.opencrm.core.idle;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The business calendar and the idle rule: run-time configuration {@code workingCalendar},
 * versioned and rolled back like every other, so next year's holidays are an admin's edit.
 *
 * @param zone the offices' time zone, e.g. Asia/Shanghai
 * @param holidays ISO dates of weekdays off (public holidays)
 * @param makeUpDays ISO dates of weekend days worked (调休)
 * @param idleAfterWorkingDays a rep with no activity for this many working days is idle
 */
public record WorkingCalendar(
        String zone, List<String> holidays, List<String> makeUpDays, int idleAfterWorkingDays) {

    public static final String NAME = "workingCalendar";
    public static final int MAX_IDLE_DAYS = 60;
    public static final int MAX_DATES = 500;

    public WorkingCalendar {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        makeUpDays = makeUpDays == null ? List.of() : List.copyOf(makeUpDays);
    }

    public static final ConfigDefinition<WorkingCalendar> DEFINITION =
            new ConfigDefinition<>(
                    NAME, WorkingCalendar.class, defaults(), WorkingCalendar::problems);

    /** Mondays to Fridays in China's time, no holidays until an admin enters them; 5 days idle. */
    static WorkingCalendar defaults() {
        return new WorkingCalendar("Asia/Shanghai", List.of(), List.of(), 5);
    }

    public WorkingDays days() {
        return new WorkingDays(ZoneId.of(zone), dates(holidays), dates(makeUpDays));
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
        return problems;
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
