package org.opencrm.core.chart;

import java.util.List;
import org.opencrm.core.access.Caller;

/**
 * Where the calibers-by-month chart gets its numbers: the revenue report's totals per month and
 * caliber. The chart needs only this, so the revenue report plugs in with a one-line adapter and
 * the renderer never changes. The source applies the caller's row scope and permissions, exactly as
 * the {@code revenue} query does for the same caller.
 */
@FunctionalInterface
public interface RevenueChartSource {

    /**
     * The totals of the months and calibers asked; a month or caliber without facts may be left out
     * (the chart shows it as zero).
     */
    List<MonthlyAmount> monthly(RevenueChartQuery query, Caller caller);
}
