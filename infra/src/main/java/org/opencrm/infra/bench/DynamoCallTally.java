package org.opencrm.infra.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every call a client makes, by operation, whatever thread makes it: unlike the per-thread
 * {@code DynamoCallCounter}, it also sees the shard reads a sharded list runs on its own threads.
 * For benches and tests that own their client and run one request at a time.
 */
public final class DynamoCallTally implements ExecutionInterceptor {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(operation, name -> new LongAdder()).increment();
    }

    public void reset() {
        calls.clear();
    }

    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Calls per operation name, e.g. {@code {BatchGetItem=1, Query=5}}, sorted by name. */
    public Map<String, Long> byOperation() {
        Map<String, Long> counts = new TreeMap<>();
        calls.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }
}
