package org.opencrm.graphql.loaders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.health.Health;
import org.opencrm.core.health.HealthService;

/**
 * {@code Customer.health} for every customer of a response in one batch read (issue 17); a customer
 * not scored yet is absent from the map.
 */
public final class HealthLoader implements MappedBatchLoader<String, Health> {

    public static final String NAME = "customerHealth";

    private final HealthService health;

    public HealthLoader(HealthService health) {
        this.health = health;
    }

    @Override
    public CompletionStage<Map<String, Health>> load(Set<String> customerIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(health.healthOf(customerIds));
    }
}
