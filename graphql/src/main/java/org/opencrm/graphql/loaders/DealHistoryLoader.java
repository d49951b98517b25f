package org.opencrm.graphql.loaders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.StageChange;

/** {@code Deal.stageHistory} for every deal of a response in one batch. */
public final class DealHistoryLoader implements MappedBatchLoader<String, List<StageChange>> {

    public static final String NAME = "dealHistory";

    private final DealService deals;

    public DealHistoryLoader(DealService deals) {
        this.deals = deals;
    }

    @Override
    public CompletionStage<Map<String, List<StageChange>>> load(Set<String> dealIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(deals.histories(dealIds));
    }
}
