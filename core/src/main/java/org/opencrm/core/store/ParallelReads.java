package org.opencrm.core.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Independent reads of one unit of work run side by side, so N queries DynamoDB cannot batch (the
 * shards of a list, the histories of a page of deals) cost about one query's latency rather than N.
 * Each read's calls count toward the caller ({@link DynamoCallCounter#onBehalfOfCaller}). A read
 * must not itself fan out through this pool: a fixed pool waiting on itself would starve.
 */
public final class ParallelReads {

    // Shared by every request in the container; daemon threads so nothing holds a JVM open.
    private static final ExecutorService READERS =
            Executors.newFixedThreadPool(
                    4 * Keys.SHARDS,
                    task -> {
                        Thread reader = new Thread(task, "parallel-read");
                        reader.setDaemon(true);
                        return reader;
                    });

    private ParallelReads() {}

    /** {@code read} of each input, in the inputs' order; one input is read on this thread. */
    public static <I, O> List<O> each(List<I> inputs, Function<I, O> read) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(read).toList();
        }
        List<CompletableFuture<O>> reads =
                inputs.stream()
                        .map(
                                input ->
                                        CompletableFuture.supplyAsync(
                                                DynamoCallCounter.onBehalfOfCaller(
                                                        () -> read.apply(input)),
                                                READERS))
                        .toList();
        // a read's null (an empty shard) is an answer too: toList keeps nulls
        return reads.stream().map(CompletableFuture::join).toList();
    }
}
