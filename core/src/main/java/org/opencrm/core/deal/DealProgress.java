package org.opencrm.core.deal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a deal stands in the pipeline and how it got there: the stage and since when, the furthest
 * stage reached, the stage a lost deal was lost in, the time spent in each stage and how often the
 * expected close date was pushed later (Salesforce's {@code PushCount}). Pure: a move or a new
 * close date gives a new progress.
 *
 * @param stage the stage now
 * @param stageEnteredAt when the deal entered it
 * @param furthestStage the furthest open or won stage reached, in pipeline order
 * @param lostIn for a lost deal, the stage it was lost in
 * @param secondsInStage cumulative seconds spent in each stage left so far
 * @param closeDatePushes how often the expected close date moved later
 * @param firstEnteredAt when the deal first entered each stage it has been in (the funnel counts a
 *     deal once per stage, in the period it first entered it)
 */
public record DealProgress(
        DealStage stage,
        Instant stageEnteredAt,
        DealStage furthestStage,
        DealStage lostIn,
        Map<DealStage, Long> secondsInStage,
        int closeDatePushes,
        Map<DealStage, Instant> firstEnteredAt) {

    public DealProgress {
        secondsInStage = secondsInStage == null ? Map.of() : Map.copyOf(secondsInStage);
        firstEnteredAt = firstEnteredAt == null ? Map.of() : Map.copyOf(firstEnteredAt);
    }

    /** A new deal, entering the pipeline's first stage. */
    public static DealProgress start(DealStage first, Instant at) {
        return new DealProgress(first, at, first, null, Map.of(), 0, Map.of(first, at));
    }

    /** The progress after a move the stage machine allowed, and the history row it writes. */
    public Moved move(Pipeline pipeline, DealStage to, Instant at) {
        long spent = Math.max(0, Duration.between(stageEnteredAt, at).toSeconds());
        Map<DealStage, Long> seconds = new EnumMap<>(DealStage.class);
        seconds.putAll(secondsInStage);
        seconds.merge(stage, spent, Long::sum);
        StageType toType = pipeline.stage(to).map(PipelineStage::type).orElse(StageType.OPEN);
        DealStage furthest =
                toType != StageType.LOST && pipeline.indexOf(to) > pipeline.indexOf(furthestStage)
                        ? to
                        : furthestStage;
        DealStage lostWhere = toType == StageType.LOST ? stage : null;
        Map<DealStage, Instant> entered = new EnumMap<>(DealStage.class);
        entered.putAll(firstEnteredAt);
        entered.putIfAbsent(to, at);
        return new Moved(
                new DealProgress(to, at, furthest, lostWhere, seconds, closeDatePushes, entered),
                spent);
    }

    /** Counts a push when the expected close date moves later; earlier or first set is not. */
    public DealProgress closeDateChanged(LocalDate before, LocalDate after) {
        boolean pushed = before != null && after != null && after.isAfter(before);
        return pushed
                ? new DealProgress(
                        stage,
                        stageEnteredAt,
                        furthestStage,
                        lostIn,
                        secondsInStage,
                        closeDatePushes + 1,
                        firstEnteredAt)
                : this;
    }

    /** The stage's win rate from the pipeline, in percent. */
    public int probabilityPercent(Pipeline pipeline) {
        return pipeline.stage(stage).map(PipelineStage::winRatePercent).orElse(0);
    }

    /**
     * When the deal goes stale in its stage: the stage's stale-after days from entry, or
     * later while snoozed; null for a stage that never goes stale.
     */
    public Instant staleAt(Pipeline pipeline, Instant snoozedUntil) {
        Integer days = pipeline.stage(stage).map(PipelineStage::staleAfterDays).orElse(null);
        if (days == null) {
            return null;
        }
        Instant due = stageEnteredAt.plus(Duration.ofDays(days));
        return snoozedUntil != null && snoozedUntil.isAfter(due) ? snoozedUntil : due;
    }

    /** A move's result: the new progress and the seconds spent in the stage left. */
    public record Moved(DealProgress progress, long secondsInStageLeft) {}
}
