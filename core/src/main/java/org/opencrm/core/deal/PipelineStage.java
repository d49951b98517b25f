package org.opencrm.core.deal;

import java.util.List;

/**
 * One stage of the pipeline as configured.
 *
 * @param id the stage
 * @param label what people call it
 * @param type whether deals in it are open, won or lost
 * @param winRatePercent the probability a deal in this stage is won, 0-100
 * @param staleAfterDays days a deal may stay in the stage before it is stale; null: never
 * @param requires what a deal must meet to enter the stage
 */
public record PipelineStage(
        DealStage id,
        String label,
        StageType type,
        int winRatePercent,
        Integer staleAfterDays,
        List<StageRequirement> requires) {

    public PipelineStage {
        requires = requires == null ? List.of() : List.copyOf(requires);
    }
}
