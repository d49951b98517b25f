package org.opencrm.graphql.loaders;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.MappedBatchLoaderWithContext;
import org.opencrm.core.access.Caller;

/**
 * Records by id as the caller may see them, for every node of a response in one batch (e.g. {@code
 * Contract.customer}, {@code Contract.deal}). The caller travels as each key's context (one
 * request, one caller); a record out of sight is simply absent.
 */
public final class VisibleRecordLoader<T> implements MappedBatchLoaderWithContext<String, T> {

    public static final String CUSTOMER = "visibleCustomer";
    public static final String DEAL = "visibleDeal";

    private final BiFunction<Collection<String>, Caller, Map<String, T>> findVisible;

    public VisibleRecordLoader(BiFunction<Collection<String>, Caller, Map<String, T>> findVisible) {
        this.findVisible = findVisible;
    }

    @Override
    public CompletionStage<Map<String, T>> load(
            Set<String> ids, BatchLoaderEnvironment environment) {
        Caller caller = (Caller) environment.getKeyContextsList().get(0);
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(findVisible.apply(ids, caller));
    }
}
