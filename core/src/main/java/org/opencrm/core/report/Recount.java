package org.opencrm.core.report;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opencrm.core.contract.MoneyFact;

/**
 * The aggregates one caliber's month should hold, recomputed from its facts (pure): per group, per
 * group and day, and which contracts each group's facts belong to.
 */
public record Recount(
        YearMonth month,
        Map<RevenueGroup, Totals> monthly,
        Map<DayGroup, Totals> daily,
        Map<RevenueGroup, Set<String>> contracts) {

    public static Recount of(YearMonth month, List<MoneyFact> facts) {
        Map<RevenueGroup, Totals> monthly = new HashMap<>();
        Map<DayGroup, Totals> daily = new HashMap<>();
        Map<RevenueGroup, Set<String>> contracts = new HashMap<>();
        for (MoneyFact fact : facts) {
            RevenueGroup group = RevenueGroup.of(fact);
            Totals one = Totals.of(fact.amountFen(), fact.taxFen());
            monthly.merge(group, one, Totals::plus);
            daily.merge(new DayGroup(fact.date(), group), one, Totals::plus);
            contracts.computeIfAbsent(group, g -> new TreeSet<>()).add(fact.contractId());
        }
        return new Recount(month, monthly, daily, contracts);
    }
}
