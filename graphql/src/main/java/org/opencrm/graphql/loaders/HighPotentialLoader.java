package org.opencrm.graphql.loaders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.activity.ActivityService;
import org.opencrm.core.activity.HighPotential;

/**
 * {@code Customer.highPotential} and {@code highPotentialReason} for every customer of a response
 * in one batch read; a customer without a mark is absent from the map.
 */
public final class HighPotentialLoader implements MappedBatchLoader<String, HighPotential> {

    public static final String NAME = "highPotential";

    private final ActivityService activities;

    public HighPotentialLoader(ActivityService activities) {
        this.activities = activities;
    }

    @Override
    public CompletionStage<Map<String, HighPotential>> load(Set<String> customerIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(activities.highPotentials(customerIds));
    }
}
