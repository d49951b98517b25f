package org.opencrm.core.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.contract.Caliber;

/**
 * Revenue by month and caliber as a grouped bar chart: one group per month of the query (months
 * without facts shown as zero), one bar per asked caliber, amounts in fen written as yuan.
 */
public final class RevenueChart {

    private RevenueChart() {}

    public static BarChart of(RevenueChartQuery query, List<MonthlyAmount> amounts) {
        Map<String, Long> byMonthAndCaliber = new HashMap<>();
        for (MonthlyAmount amount : amounts) {
            byMonthAndCaliber.merge(
                    key(amount.month().toString(), amount.caliber()),
                    amount.amountFen(),
                    Long::sum);
        }
        List<String> months = query.months().stream().map(Object::toString).toList();
        List<BarChart.Series> series = new ArrayList<>();
        for (Caliber caliber : query.calibers()) {
            series.add(
                    new BarChart.Series(
                            caliber.name(),
                            months.stream()
                                    .map(
                                            month ->
                                                    byMonthAndCaliber.getOrDefault(
                                                            key(month, caliber), 0L))
                                    .toList()));
        }
        return BarChart.of(
                "Revenue by caliber, " + query.from() + " to " + query.to() + " (yuan)",
                months,
                series,
                BarChart.ValueFormat.FEN_AS_YUAN);
    }

    private static String key(String month, Caliber caliber) {
        return month + "#" + caliber;
    }
}
