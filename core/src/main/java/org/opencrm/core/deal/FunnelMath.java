package org.opencrm.core.deal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The funnel from the stage entries of a period: per stage, the deals that entered it, moved
 * on, were won or lost in it, the conversion to a later stage, and the average and median days of
 * the stays that ended. Pure, so the maintained index and a from-scratch recompute go through the
 * same arithmetic.
 */
public final class FunnelMath {

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    private FunnelMath() {}

    /** One stage's figures; rates and days are null where nothing was counted. */
    public record FunnelStage(
            DealStage stage,
            int entered,
            int advanced,
            int won,
            int lost,
            BigDecimal conversionRate,
            BigDecimal averageDaysInStage,
            BigDecimal medianDaysInStage) {}

    /** The pipeline's open and won stages in order, each with its figures. */
    public static List<FunnelStage> compute(Pipeline pipeline, Collection<StageEntry> entries) {
        List<FunnelStage> stages = new ArrayList<>();
        for (PipelineStage stage : pipeline.stages()) {
            if (stage.type() == StageType.LOST) {
                continue;
            }
            List<StageEntry> here =
                    entries.stream().filter(entry -> entry.stage() == stage.id()).toList();
            stages.add(figures(stage.id(), here));
        }
        return stages;
    }

    private static FunnelStage figures(DealStage stage, List<StageEntry> here) {
        int advanced = (int) here.stream().filter(StageEntry::advanced).count();
        long[] stays =
                here.stream()
                        .filter(StageEntry::left)
                        .mapToLong(StageEntry::secondsInStage)
                        .sorted()
                        .toArray();
        return new FunnelStage(
                stage,
                here.size(),
                advanced,
                (int) here.stream().filter(StageEntry::won).count(),
                (int) here.stream().filter(StageEntry::lostHere).count(),
                here.isEmpty()
                        ? null
                        : BigDecimal.valueOf(advanced)
                                .divide(BigDecimal.valueOf(here.size()), 4, RoundingMode.HALF_UP),
                average(stays),
                median(stays));
    }

    private static BigDecimal average(long[] sortedSeconds) {
        if (sortedSeconds.length == 0) {
            return null;
        }
        long total = 0;
        for (long seconds : sortedSeconds) {
            total += seconds;
        }
        return days(BigDecimal.valueOf(total), sortedSeconds.length);
    }

    private static BigDecimal median(long[] sortedSeconds) {
        int n = sortedSeconds.length;
        if (n == 0) {
            return null;
        }
        if (n % 2 == 1) {
            return days(BigDecimal.valueOf(sortedSeconds[n / 2]), 1);
        }
        return days(BigDecimal.valueOf(sortedSeconds[n / 2 - 1] + sortedSeconds[n / 2]), 2);
    }

    private static BigDecimal days(BigDecimal seconds, int count) {
        return seconds.divide(
                SECONDS_PER_DAY.multiply(BigDecimal.valueOf(count)), 2, RoundingMode.HALF_UP);
    }
}
