package org.opencrm.core.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.deal.FunnelSlice;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.report.RevenuePeriod.Span;
import org.opencrm.core.store.ParallelReads;

/**
 * {@code revenue(from, to, groupBy, calibers)}: the calibers side by side from the
 * aggregates, never from the facts, so an answer costs O(groups): one key query per caliber and
 * month covered whole, one range query of daily items per caliber for each of at most two cut
 * months.
 *
 * <p>Row scope is the funnel's decision ({@link FunnelSlice}) under policy.yaml's {@code Revenue}
 * entry: a rep sees their own numbers, a team lead their team's, a region manager their region's,
 * finance, directors and admins everyone's.
 */
public final class RevenueService {

    public static final String TYPE = "Revenue";

    private final RevenueStore store;
    private final ReportDefinitions definitions;
    private final AccessPolicy policy;

    public RevenueService(RevenueStore store, ReportDefinitions definitions, AccessPolicy policy) {
        this.store = store;
        this.definitions = definitions;
        this.policy = policy;
    }

    /**
     * A revenue question.
     *
     * @param definitionVersion the report definition's version to answer with; null for the current
     */
    public record RevenueQuery(
            Instant from,
            Instant to,
            List<RevenueDimension> groupBy,
            List<Caliber> calibers,
            Long definitionVersion) {}

    public RevenueReport revenue(RevenueQuery query, Caller caller) {
        if (query.calibers() == null || query.calibers().isEmpty()) {
            throw new ValidationException(
                    new FieldProblem("calibers", "minItems", "must name at least one caliber", 1));
        }
        RevenuePeriod period = RevenuePeriod.of(query.from(), query.to());
        FunnelSlice slice =
                FunnelSlice.within(
                        policy.readScope(TYPE, caller.role()),
                        caller,
                        null,
                        null,
                        userId -> Optional.empty());
        var definition = definitions.revenue(query.definitionVersion());
        List<Caliber> calibers = List.copyOf(new LinkedHashSet<>(query.calibers()));
        Set<RevenueDimension> groupBy = EnumSet.noneOf(RevenueDimension.class);
        if (query.groupBy() != null) {
            groupBy.addAll(query.groupBy());
        }
        Map<Caliber, Map<MonthGroup, Totals>> aggregates = new HashMap<>();
        Predicate<RevenueGroup> visible = inSlice(slice);
        List<Read> reads = new ArrayList<>();
        for (Caliber caliber : calibers) {
            period.months().forEach(span -> reads.add(new Read(caliber, span)));
        }
        List<Map<MonthGroup, Totals>> answers = ParallelReads.each(reads, this::read);
        for (int i = 0; i < reads.size(); i++) {
            Map<MonthGroup, Totals> into =
                    aggregates.computeIfAbsent(reads.get(i).caliber(), c -> new HashMap<>());
            answers.get(i)
                    .forEach(
                            (at, totals) -> {
                                if (visible.test(at.group())) {
                                    into.merge(at, totals, Totals::plus);
                                }
                            });
        }
        return RevenueMath.compute(definition, calibers, groupBy, aggregates);
    }

    private record Read(Caliber caliber, Span span) {}

    /** One caliber's totals in one month: its monthly items, or the days of a cut month. */
    private Map<MonthGroup, Totals> read(Read read) {
        YearMonth month = read.span().month();
        Map<MonthGroup, Totals> totals = new HashMap<>();
        if (read.span().whole()) {
            store.month(read.caliber(), month)
                    .forEach((group, sum) -> totals.put(new MonthGroup(month, group), sum));
            return totals;
        }
        store.days(read.caliber(), read.span().first(), read.span().last())
                .forEach(
                        (day, sum) ->
                                totals.merge(
                                        new MonthGroup(month, day.group()), sum, Totals::plus));
        return totals;
    }

    private static Predicate<RevenueGroup> inSlice(FunnelSlice slice) {
        return group ->
                matches(slice.region(), group.region())
                        && matches(slice.ownerId(), group.ownerId())
                        && matches(slice.team(), group.team());
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }
}
