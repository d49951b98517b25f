package org.opencrm.core.store;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the DynamoDB calls made on the current thread, so the log line of an API request, a stream
 * batch or a schedule run can say how many calls it cost.
 *
 * <p>A sync SDK client runs its interceptors on the calling thread, and a Lambda container serves
 * one request at a time on one thread; the local cloud serves each request on a thread of its own.
 * Retries of one call are counted once: {@code beforeExecution} runs once per API call.
 */
public final class DynamoCallCounter implements ExecutionInterceptor {

    public static final DynamoCallCounter INSTANCE = new DynamoCallCounter();

    private static final ThreadLocal<long[]> CALLS = ThreadLocal.withInitial(() -> new long[1]);

    private DynamoCallCounter() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.get()[0]++;
    }

    /** Starts counting a unit of work on this thread. */
    public static Span start() {
        return new Span(CALLS.get()[0]);
    }

    /** The calls made on the starting thread since {@link #start()}. */
    public record Span(long startedAt) {
        public long calls() {
            return CALLS.get()[0] - startedAt;
        }
    }
}
