package org.opencrm.core.deal;

import java.util.Collection;
import java.util.Comparator;
import org.opencrm.core.customer.CustomerStage;

/**
 * Issue 14 item 4: a customer's stage is derived from its deals, never set by hand. Pure, so the
 * stream reactor and the migration agree on it by construction.
 *
 * <ul>
 *   <li>no deals: NEW;
 *   <li>any deal won: SIGNED (the customer has signed once, whatever else is going on);
 *   <li>else the most advanced open deal's stage, in the pipeline's order;
 *   <li>else (every deal lost): LOST.
 * </ul>
 */
public final class CustomerStageRule {

    private CustomerStageRule() {}

    public static CustomerStage derive(Pipeline pipeline, Collection<DealStage> dealStages) {
        if (dealStages.isEmpty()) {
            return CustomerStage.NEW;
        }
        if (dealStages.stream().anyMatch(stage -> typeOf(pipeline, stage) == StageType.WON)) {
            return CustomerStage.SIGNED;
        }
        return dealStages.stream()
                .filter(stage -> typeOf(pipeline, stage) == StageType.OPEN)
                .max(Comparator.comparingInt(pipeline::indexOf))
                .map(stage -> CustomerStage.valueOf(stage.name()))
                .orElse(CustomerStage.LOST);
    }

    /** A stage the pipeline does not list (configuration changed since) counts as open. */
    private static StageType typeOf(Pipeline pipeline, DealStage stage) {
        return pipeline.stage(stage).map(PipelineStage::type).orElse(StageType.OPEN);
    }
}
