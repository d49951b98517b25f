package org.opencrm.core.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.opencrm.core.deal.Funnel;
import org.opencrm.core.deal.FunnelMath.FunnelStage;

/**
 * The deal funnel as a bar chart: one bar per open or won stage, the deals that entered it, and
 * under each stage the share that moved on to a later stage.
 */
public final class FunnelChart {

    public static final String SERIES = "entered";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.of("Asia/Shanghai"));

    private FunnelChart() {}

    public static BarChart of(Funnel funnel) {
        List<FunnelStage> stages = funnel.stages();
        return new BarChart(
                "Deal funnel " + DAY.format(funnel.from()) + " to " + DAY.format(funnel.to()),
                stages.stream().map(stage -> stage.stage().name()).toList(),
                List.of(
                        new BarChart.Series(
                                SERIES,
                                stages.stream().map(stage -> (long) stage.entered()).toList())),
                BarChart.ValueFormat.COUNT,
                stages.stream().map(FunnelChart::conversion).toList());
    }

    /** "advanced 50.0%", or blank where no deal entered the stage. */
    static String conversion(FunnelStage stage) {
        if (stage.conversionRate() == null) {
            return "";
        }
        BigDecimal percent =
                stage.conversionRate()
                        .multiply(BigDecimal.valueOf(100))
                        .setScale(1, RoundingMode.HALF_UP);
        return "advanced " + percent.toPlainString() + "%";
    }
}
