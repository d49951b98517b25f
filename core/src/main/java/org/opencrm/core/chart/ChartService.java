package org.opencrm.core.chart;

import java.util.Map;
import org.opencrm.core.access.Caller;
import org.opencrm.core.deal.FunnelService;

/**
 * Draws the served charts for a caller: reads the numbers the caller may see (the funnel's row
 * scope, the revenue source's) and renders them as SVG. Built once per container.
 */
public final class ChartService {

    private final FunnelService funnels;
    private final RevenueChartSource revenue;

    /**
     * @param revenue the calibers-by-month numbers (the revenue report's, see {@code
     *     RevenueChartFeed})
     */
    public ChartService(FunnelService funnels, RevenueChartSource revenue) {
        this.funnels = funnels;
        this.revenue = revenue;
    }

    /** The chart as an SVG document, for the caller, from the request's parameters. */
    public String render(ChartKind chart, Map<String, String> parameters, Caller caller) {
        return SvgBarChart.render(
                switch (chart) {
                    case FUNNEL -> funnel(parameters, caller);
                    case REVENUE -> revenue(parameters, caller);
                });
    }

    private BarChart funnel(Map<String, String> parameters, Caller caller) {
        return FunnelChart.of(funnels.funnel(FunnelChartQuery.parse(parameters), caller));
    }

    private BarChart revenue(Map<String, String> parameters, Caller caller) {
        RevenueChartQuery query = RevenueChartQuery.parse(parameters);
        return RevenueChart.of(query, revenue.monthly(query, caller));
    }
}
