package org.opencrm.core.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.deal.FunnelService.FunnelQuery;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The funnel chart's parameters: {@code from} and {@code to} as dates ({@code 2026-01-01}, the
 * start of that day in the offices' zone) or instants ({@code 2026-01-01T00:00:00Z}), {@code to}
 * exclusive; optional {@code region} and {@code ownerId}. The period's own rules (order, span) are
 * the funnel's ({@code FunnelRules}), checked by the funnel itself.
 */
public final class FunnelChartQuery {

    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String REGION = "region";
    public static final String OWNER = "ownerId";
    static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");

    private FunnelChartQuery() {}

    public static FunnelQuery parse(Map<String, String> parameters) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Instant> from = instant(parameters.get(FROM), FROM, problems);
        Optional<Instant> to = instant(parameters.get(TO), TO, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new FunnelQuery(
                from.orElseThrow(),
                to.orElseThrow(),
                parameters.get(REGION),
                parameters.get(OWNER));
    }

    /** As request parameters, the inverse of {@link #parse}; unset terms are left out. */
    public static Map<String, String> parameters(FunnelQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(FROM, query.from().toString());
        parameters.put(TO, query.to().toString());
        if (query.region() != null) {
            parameters.put(REGION, query.region());
        }
        if (query.ownerId() != null) {
            parameters.put(OWNER, query.ownerId());
        }
        return parameters;
    }

    private static Optional<Instant> instant(
            String text, String field, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            problems.add(
                    FieldProblem.of(field, "required", "is required, a date such as 2026-01-01"));
            return Optional.empty();
        }
        String value = text.strip();
        try {
            return Optional.of(
                    value.contains("T")
                            ? Instant.parse(value)
                            : LocalDate.parse(value).atStartOfDay(OFFICES).toInstant());
        } catch (DateTimeParseException unreadable) {
            problems.add(
                    new FieldProblem(
                            field,
                            "format",
                            "must be a date such as 2026-01-01 or an instant such as 2026-01-01T00:00:00Z, got "
                                    + text,
                            "yyyy-MM-dd"));
            return Optional.empty();
        }
    }
}
