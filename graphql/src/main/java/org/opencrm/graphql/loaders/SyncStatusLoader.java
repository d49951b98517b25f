package org.opencrm.graphql.loaders;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.financesync.FinanceSync;
import org.opencrm.core.notify.Delivery;

/**
 * {@code Customer.syncStatus} for every customer of a response at once: their latest finance pushes
 * in batch reads, not a query and a read per customer. A customer never signed has no entry (null).
 */
public final class SyncStatusLoader implements MappedBatchLoader<String, Delivery> {

    public static final String NAME = "syncStatus";

    private final FinanceSync financeSync;

    public SyncStatusLoader(FinanceSync financeSync) {
        this.financeSync = financeSync;
    }

    @Override
    public CompletionStage<Map<String, Delivery>> load(Set<String> customerIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(financeSync.statuses(customerIds));
    }
}
