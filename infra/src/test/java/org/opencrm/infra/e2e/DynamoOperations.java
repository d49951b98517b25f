package org.opencrm.infra.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The AWS operations a piece of work calls on its own thread and on the threads it starts ({@code
 * GetItem}, {@code PutItem}, ...), not those of threads already running (the local cloud's pollers
 * and schedules). Every SDK client of the test JVM runs this interceptor: the SDK's global
 * interceptor file ({@code software/amazon/awssdk/global/handlers/execution.interceptors}, test
 * resources) names it; it records nothing unless a test asks with {@link #during}.
 */
public final class DynamoOperations implements ExecutionInterceptor {

    // inherited: a thread the work starts records into the same list
    private static final InheritableThreadLocal<List<String>> RECORDING =
            new InheritableThreadLocal<>();

    /** The SDK instantiates it by this constructor. */
    public DynamoOperations() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        List<String> recording = RECORDING.get();
        if (recording != null) {
            recording.add(context.request().getClass().getSimpleName().replace("Request", ""));
        }
    }

    /**
     * Runs the work on this thread and returns the operations it and the threads it started called,
     * in the order they were called.
     */
    static List<String> during(Runnable work) {
        List<String> recording = Collections.synchronizedList(new ArrayList<>());
        RECORDING.set(recording);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        synchronized (recording) {
            return List.copyOf(recording);
        }
    }
}
