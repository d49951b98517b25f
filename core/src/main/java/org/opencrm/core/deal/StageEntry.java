package org.opencrm.core.deal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deal's stay in one stage as the funnel counts it: one per deal and stage it entered,
 * dated by its first entry, rewritten from the deal's progress whenever the deal moves — so the
 * funnel reads these by period instead of replaying histories, and a from-scratch recompute gives
 * the same rows.
 *
 * @param dealId the deal
 * @param stage the stage entered
 * @param firstEnteredAt when the deal first entered it
 * @param secondsInStage the time spent in it by stays that ended
 * @param left whether the deal has left it at least once
 * @param advanced whether the deal has since reached a later stage
 * @param won whether the deal is won
 * @param lostHere whether the deal is lost, in this stage
 */
public record StageEntry(
        String dealId,
        DealStage stage,
        Instant firstEnteredAt,
        long secondsInStage,
        boolean left,
        boolean advanced,
        boolean won,
        boolean lostHere) {

    /** The entries of one deal: every open or won stage it entered, none for LOST itself. */
    public static List<StageEntry> of(String dealId, DealProgress progress, Pipeline pipeline) {
        StageType now = pipeline.stage(progress.stage()).map(PipelineStage::type).orElseThrow();
        List<StageEntry> entries = new ArrayList<>();
        for (Map.Entry<DealStage, Instant> entered : progress.firstEnteredAt().entrySet()) {
            DealStage stage = entered.getKey();
            if (pipeline.stage(stage).map(PipelineStage::type).orElse(StageType.LOST)
                    == StageType.LOST) {
                continue;
            }
            Long seconds = progress.secondsInStage().get(stage);
            entries.add(
                    new StageEntry(
                            dealId,
                            stage,
                            entered.getValue(),
                            seconds == null ? 0 : seconds,
                            seconds != null,
                            pipeline.indexOf(progress.furthestStage()) > pipeline.indexOf(stage),
                            now == StageType.WON,
                            now == StageType.LOST && progress.lostIn() == stage));
        }
        return entries;
    }
}
