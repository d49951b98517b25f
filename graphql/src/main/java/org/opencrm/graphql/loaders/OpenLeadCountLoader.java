package org.opencrm.graphql.loaders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.leadwork.AssignmentService;

/**
 * {@code User.openLeadCount} for every user of the response in one batch read of the counters,
 * however many users a list shows.
 */
public final class OpenLeadCountLoader implements MappedBatchLoader<String, Long> {

    public static final String NAME = "openLeadCount";

    private final AssignmentService assignments;

    public OpenLeadCountLoader(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @Override
    public CompletionStage<Map<String, Long>> load(Set<String> userIds) {
        return CompletableFuture.completedFuture(assignments.openLeadCounts(userIds));
    }
}
