package org.opencrm.core.chart;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The calibers-by-month chart's question: the months {@code from} to {@code to}, both included, and
 * the calibers to show side by side, in the order asked.
 */
public record RevenueChartQuery(YearMonth from, YearMonth to, List<Caliber> calibers) {

    /** Two years of months: more bars than that are unreadable at the chart's width. */
    public static final int MAX_MONTHS = 24;

    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String CALIBERS = "calibers";

    public RevenueChartQuery {
        Objects.requireNonNull(from, FROM);
        Objects.requireNonNull(to, TO);
        calibers = List.copyOf(calibers);
    }

    /**
     * From a link's or request's parameters: {@code from} and {@code to} as {@code yyyy-MM}, {@code
     * calibers} comma-separated (all four when left out). Every bad parameter is reported at once.
     */
    public static RevenueChartQuery parse(Map<String, String> parameters) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<YearMonth> from = month(parameters.get(FROM), FROM, problems);
        Optional<YearMonth> to = month(parameters.get(TO), TO, problems);
        List<Caliber> calibers = calibers(parameters.get(CALIBERS), problems);
        if (from.isPresent() && to.isPresent()) {
            long months = ChronoUnit.MONTHS.between(from.get(), to.get()) + 1;
            if (months < 1) {
                problems.add(
                        new FieldProblem(
                                TO,
                                "notBefore",
                                "must not be before from (" + from.get() + ")",
                                from.get().toString()));
            } else if (months > MAX_MONTHS) {
                problems.add(
                        new FieldProblem(
                                TO,
                                "maxMonths",
                                "at most " + MAX_MONTHS + " months including from, got " + months,
                                MAX_MONTHS));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new RevenueChartQuery(from.orElseThrow(), to.orElseThrow(), calibers);
    }

    /** The months of the chart, oldest first. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    /** As request parameters, the inverse of {@link #parse}. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(FROM, from.toString());
        parameters.put(TO, to.toString());
        parameters.put(CALIBERS, String.join(",", calibers.stream().map(Caliber::name).toList()));
        return parameters;
    }

    private static Optional<YearMonth> month(
            String text, String field, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(
                    FieldProblem.of(field, "required", "is required, a month such as 2026-01"));
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(text.strip()));
        } catch (DateTimeParseException notAMonth) {
            problems.add(
                    new FieldProblem(
                            field,
                            "format",
                            "must be a month such as 2026-01, got " + text,
                            "yyyy-MM"));
            return Optional.empty();
        }
    }

    private static List<Caliber> calibers(String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return List.of(Caliber.values());
        }
        List<Caliber> calibers = new ArrayList<>();
        for (String name : text.split(",")) {
            Optional<Caliber> caliber =
                    Arrays.stream(Caliber.values())
                            .filter(known -> known.name().equalsIgnoreCase(name.strip()))
                            .findFirst();
            if (caliber.isEmpty()) {
                problems.add(
                        new FieldProblem(
                                CALIBERS,
                                "oneOf",
                                "unknown caliber " + name.strip(),
                                Arrays.stream(Caliber.values()).map(Caliber::name).toList()));
            } else if (!calibers.contains(caliber.get())) {
                calibers.add(caliber.get());
            }
        }
        return calibers;
    }
}
