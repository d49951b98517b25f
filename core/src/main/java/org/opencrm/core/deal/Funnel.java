package org.opencrm.core.deal;

import java.time.Instant;
import java.util.List;

/**
 * The funnel of a period as answered: the period, the slice it covers after row scope (a
 * region, an owner, a team's owners, or the org when all are null) and the figures per stage.
 *
 * @param from inclusive start of the first-entered period
 * @param to exclusive end of it
 * @param region the region counted, or null
 * @param ownerId the owner counted, or null
 * @param team the team whose owners are counted (a team lead's own funnel), or null
 * @param pipelineVersion the version of the pipeline configuration whose stages are listed
 * @param stages the open and won stages in pipeline order
 */
public record Funnel(
        Instant from,
        Instant to,
        String region,
        String ownerId,
        String team,
        long pipelineVersion,
        List<FunnelMath.FunnelStage> stages) {

    public Funnel {
        stages = List.copyOf(stages);
    }
}
