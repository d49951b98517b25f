package org.opencrm.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.report.RevenueDefinition.CaliberRule;

/**
 * Turns aggregates into a revenue answer under one definition (pure): each caliber adds up the
 * kinds its rule counts, on its rule's amount basis, into rows of the dimensions asked; what the
 * rule leaves out is reported, not dropped silently.
 */
public final class RevenueMath {

    private static final Comparator<RowKey> ROW_ORDER =
            Comparator.comparing(RowKey::month, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(RowKey::region, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                            RowKey::ownerId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private RevenueMath() {}

    private record RowKey(String month, String region, String ownerId) {}

    /**
     * @param aggregates per caliber asked, the totals of each group and month in the period and the
     *     caller's scope
     */
    public static RevenueReport compute(
            ReportDefinitions.Versioned<RevenueDefinition> definition,
            List<Caliber> calibers,
            Set<RevenueDimension> groupBy,
            Map<Caliber, Map<MonthGroup, Totals>> aggregates) {
        Map<RowKey, Map<Caliber, Long>> rows = new TreeMap<>(ROW_ORDER);
        List<RevenueReport.Exclusion> excluded = new ArrayList<>();
        for (Caliber caliber : calibers) {
            CaliberRule rule = definition.definition().rule(caliber);
            Map<FactKind, Totals> left = new LinkedHashMap<>();
            aggregates
                    .getOrDefault(caliber, Map.of())
                    .forEach(
                            (at, totals) -> {
                                if (!rule.counts(at.group().kind())) {
                                    left.merge(at.group().kind(), totals, Totals::plus);
                                    return;
                                }
                                rows.computeIfAbsent(rowOf(at, groupBy), key -> zeros(calibers))
                                        .merge(caliber, rule.amountOf(totals), Math::addExact);
                            });
            excluded.addAll(exclusions(caliber, rule, left));
        }
        if (rows.isEmpty() && groupBy.isEmpty()) {
            rows.put(new RowKey(null, null, null), zeros(calibers));
        }
        List<RevenueReport.Row> shown =
                rows.entrySet().stream()
                        .map(
                                row ->
                                        new RevenueReport.Row(
                                                row.getKey().month(),
                                                row.getKey().region(),
                                                row.getKey().ownerId(),
                                                row.getValue()))
                        .toList();
        return new RevenueReport(definition.version(), shown, excluded);
    }

    /** Every reversing kind the rule leaves out, with its count and amount (zero when none). */
    private static List<RevenueReport.Exclusion> exclusions(
            Caliber caliber, CaliberRule rule, Map<FactKind, Totals> left) {
        List<RevenueReport.Exclusion> exclusions = new ArrayList<>();
        for (FactKind kind : FactKind.values()) {
            if (kind.caliber() != caliber || rule.counts(kind)) {
                continue;
            }
            Totals totals = left.getOrDefault(kind, Totals.ZERO);
            exclusions.add(
                    new RevenueReport.Exclusion(
                            caliber,
                            kind,
                            caliber + " leaves out " + kind + " facts: " + rule.exclusionReason(),
                            totals.count(),
                            rule.amountOf(totals)));
        }
        return exclusions;
    }

    private static RowKey rowOf(MonthGroup at, Set<RevenueDimension> groupBy) {
        return new RowKey(
                groupBy.contains(RevenueDimension.MONTH) ? at.month().toString() : null,
                groupBy.contains(RevenueDimension.REGION) ? at.group().region() : null,
                groupBy.contains(RevenueDimension.OWNER) ? at.group().ownerId() : null);
    }

    private static Map<Caliber, Long> zeros(List<Caliber> calibers) {
        Map<Caliber, Long> zeros = new LinkedHashMap<>();
        calibers.forEach(caliber -> zeros.put(caliber, 0L));
        return zeros;
    }
}
