package org.opencrm.core.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The business dates a revenue question covers, cut into months (pure). A fact counts when its
 * business day (in the offices' time zone) starts within {@code [from, to)}. A month the period
 * covers whole is read from its monthly aggregates; at most the first and the last month are cut,
 * and those are read from their daily aggregates.
 */
public record RevenuePeriod(LocalDate first, LocalDate last, List<Span> months) {

    /** The offices' time zone, the one money facts' business dates are in. */
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    /** The longest period one answer covers. */
    public static final int MAX_MONTHS = 36;

    /** The dates of one month the period covers: all of them when {@code whole}. */
    public record Span(YearMonth month, LocalDate first, LocalDate last) {
        public boolean whole() {
            return first.equals(month.atDay(1)) && last.equals(month.atEndOfMonth());
        }
    }

    public RevenuePeriod {
        months = List.copyOf(months);
    }

    public static RevenuePeriod of(Instant from, Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new ValidationException(
                    new FieldProblem(
                            "to",
                            "after",
                            "must be after from",
                            from == null ? null : from.toString()));
        }
        LocalDate first = firstDayStartingAtOrAfter(from);
        LocalDate last = firstDayStartingAtOrAfter(to).minusDays(1);
        if (last.isBefore(first)) {
            throw new ValidationException(
                    new FieldProblem(
                            "to",
                            "wholeDay",
                            "must leave at least one business day ("
                                    + BUSINESS_ZONE
                                    + ") starting at or after from",
                            first.atStartOfDay(BUSINESS_ZONE).toInstant().toString()));
        }
        YearMonth start = YearMonth.from(first);
        YearMonth end = YearMonth.from(last);
        long months = start.until(end, java.time.temporal.ChronoUnit.MONTHS) + 1;
        if (months > MAX_MONTHS) {
            throw new ValidationException(
                    new FieldProblem(
                            "to",
                            "range",
                            "at most " + MAX_MONTHS + " months from from, got " + months,
                            MAX_MONTHS));
        }
        List<Span> spans = new ArrayList<>();
        for (YearMonth month = start; !month.isAfter(end); month = month.plusMonths(1)) {
            LocalDate spanFirst = month.equals(start) ? first : month.atDay(1);
            LocalDate spanLast = month.equals(end) ? last : month.atEndOfMonth();
            spans.add(new Span(month, spanFirst, spanLast));
        }
        return new RevenuePeriod(first, last, spans);
    }

    private static LocalDate firstDayStartingAtOrAfter(Instant at) {
        ZonedDateTime local = at.atZone(BUSINESS_ZONE);
        LocalDate day = local.toLocalDate();
        return local.equals(day.atStartOfDay(BUSINESS_ZONE)) ? day : day.plusDays(1);
    }
}
