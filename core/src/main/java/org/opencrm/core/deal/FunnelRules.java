package org.opencrm.core.deal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** The rules a funnel's period must meet, pure: every broken one at once. */
public final class FunnelRules {

    /** A funnel covers at most a (leap) year: longer spans are reports, not a screen. */
    public static final int MAX_SPAN_DAYS = 366;

    private FunnelRules() {}

    /** Throws unless {@code from < to} and the span is at most {@link #MAX_SPAN_DAYS} days. */
    public static void checkPeriod(Instant from, Instant to) {
        List<FieldProblem> problems = new ArrayList<>();
        if (from == null) {
            problems.add(FieldProblem.of("from", "required", "is required"));
        }
        if (to == null) {
            problems.add(FieldProblem.of("to", "required", "is required"));
        }
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add(
                    new FieldProblem(
                            "to", "after", "must be after from (" + from + ")", from.toString()));
        } else if (from != null
                && to != null
                && Duration.between(from, to).compareTo(Duration.ofDays(MAX_SPAN_DAYS)) > 0) {
            problems.add(
                    new FieldProblem(
                            "to",
                            "maxSpanDays",
                            "at most " + MAX_SPAN_DAYS + " days after from",
                            MAX_SPAN_DAYS));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
