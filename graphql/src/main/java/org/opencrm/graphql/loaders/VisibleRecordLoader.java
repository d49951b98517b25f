package org.opencrm.graphql.loaders;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.MappedBatchLoaderWithContext;
import org.opencrm.core.access.Caller;
import org.opencrm.core.store.ParallelReads;

/**
 * Records by id as the caller may see them, for every node of a response in one batch (e.g. {@code
 * Contract.customer}, {@code Contract.deal}): each id is read with its row scope check, side by
 * side. The caller travels as each key's context; a record out of sight is simply absent.
 */
public final class VisibleRecordLoader<T> implements MappedBatchLoaderWithContext<String, T> {

    public static final String CUSTOMER = "visibleCustomer";
    public static final String DEAL = "visibleDeal";

    private final BiFunction<String, Caller, Optional<T>> findVisible;

    public VisibleRecordLoader(BiFunction<String, Caller, Optional<T>> findVisible) {
        this.findVisible = findVisible;
    }

    @Override
    public CompletionStage<Map<String, T>> load(
            Set<String> ids, BatchLoaderEnvironment environment) {
        Map<Object, Object> callers = environment.getKeyContexts();
        List<String> keys = List.copyOf(ids);
        List<Optional<T>> found =
                ParallelReads.each(keys, id -> findVisible.apply(id, (Caller) callers.get(id)));
        Map<String, T> visible = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Optional<T> record = found.get(i);
            if (record.isPresent()) {
                visible.put(keys.get(i), record.get());
            }
        }
        return CompletableFuture.completedFuture(visible);
    }
}
