package org.opencrm.core.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencrm.core.access.Caller;
import org.opencrm.core.chart.MonthlyAmount;
import org.opencrm.core.chart.RevenueChartQuery;
import org.opencrm.core.chart.RevenueChartSource;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.report.RevenueService.RevenueQuery;

/**
 * The calibers-by-month chart's numbers are the {@code revenue} query's, grouped by month, asked as
 * the viewer: the chart and the report can never disagree, and the chart sees only what the viewer
 * may see (the current report definition, the viewer's row scope).
 */
public final class RevenueChartFeed implements RevenueChartSource {

    private final RevenueService revenue;

    public RevenueChartFeed(RevenueService revenue) {
        this.revenue = revenue;
    }

    @Override
    public List<MonthlyAmount> monthly(RevenueChartQuery query, Caller caller) {
        RevenueReport report =
                revenue.revenue(
                        new RevenueQuery(
                                startOf(query.from()),
                                startOf(query.to().plusMonths(1)),
                                List.of(RevenueDimension.MONTH),
                                query.calibers(),
                                null),
                        caller);
        List<MonthlyAmount> amounts = new ArrayList<>();
        for (RevenueReport.Row row : report.rows()) {
            YearMonth month = YearMonth.parse(row.month());
            for (Map.Entry<Caliber, Long> amount : row.amountsFen().entrySet()) {
                amounts.add(new MonthlyAmount(month, amount.getKey(), amount.getValue()));
            }
        }
        return amounts;
    }

    /** A month starts at midnight of its first day in the offices' zone, as revenue counts it. */
    private static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(RevenuePeriod.BUSINESS_ZONE).toInstant();
    }
}
