package org.opencrm.core.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB calls of a unit of work (an API request, a stream batch, a schedule run), so
 * its log line can say how many calls it cost.
 *
 * <p>A sync SDK client runs its interceptors on the calling thread, and a Lambda container serves
 * one request at a time on one thread; the local cloud serves each request on a thread of its own.
 * Work a request hands to a pool (a sharded list reads its shards in parallel, an import its rows)
 * is wrapped in {@link #onBehalfOfCaller} so its calls count toward the request that asked for
 * them. Retries of one call are counted once: {@code beforeExecution} runs once per API call.
 */
public final class DynamoCallCounter implements ExecutionInterceptor {

    public static final DynamoCallCounter INSTANCE = new DynamoCallCounter();

    /** The tally this thread's calls go to: its own, or the caller's while working for it. */
    private static final ThreadLocal<AtomicLong> CALLS = ThreadLocal.withInitial(AtomicLong::new);

    private DynamoCallCounter() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.get().incrementAndGet();
    }

    /** Starts counting a unit of work on this thread. */
    public static Span start() {
        AtomicLong tally = CALLS.get();
        return new Span(tally, tally.get());
    }

    /** {@code work}, to run on another thread with its calls counted toward this thread's. */
    public static <T> Supplier<T> onBehalfOfCaller(Supplier<T> work) {
        AtomicLong caller = CALLS.get();
        return () -> {
            AtomicLong own = CALLS.get();
            CALLS.set(caller);
            try {
                return work.get();
            } finally {
                CALLS.set(own);
            }
        };
    }

    /** The calls made for the starting thread since {@link #start()}, on it or on its behalf. */
    public static final class Span {
        private final AtomicLong tally;
        private final long startedAt;

        private Span(AtomicLong tally, long startedAt) {
            this.tally = tally;
            this.startedAt = startedAt;
        }

        public long calls() {
            return tally.get() - startedAt;
        }
    }
}
