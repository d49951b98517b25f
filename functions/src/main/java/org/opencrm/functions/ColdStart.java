package org.opencrm.functions;

import java.util.List;

/**
 * Work a cold start will need, started on a second thread while the first goes on: what does not
 * depend on the services (parsing the GraphQL schema, reading the access policy, building the item
 * schemas a first request maps, initialising the classes the first thread meets next) while the
 * first builds the DynamoDB client; then the container's first DynamoDB call, and the reads every
 * first request makes, while the first wires the services and builds the schema.
 *
 * <p>Why: measured by {@code ColdStartBench}, the client and the services are about half of the API
 * function's start and the rest waited behind them; with a second core the two halves overlap. On a
 * container with less than one vCPU the thread gains nothing and costs next to nothing. Every task
 * is read-only and idempotent (a class initialisation, a cached parse or a cached read the first
 * thread would otherwise do itself); one that fails is left to fail again, with its error, where
 * the handler needs it.
 */
final class ColdStart {

    private ColdStart() {}

    /** Starts the tasks, in order, on a daemon thread of their own. */
    static void warmUp(List<Runnable> tasks) {
        Thread thread = new Thread(() -> tasks.forEach(ColdStart::attempt), "cold-start-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** A task that initialises the classes (their static fields), in order, as first use would. */
    static Runnable initialise(Class<?>... classes) {
        return () -> {
            for (Class<?> type : classes) {
                try {
                    Class.forName(type.getName(), true, type.getClassLoader());
                } catch (ClassNotFoundException cannotHappen) {
                    // the class literal has loaded it already
                    throw new IllegalStateException(cannotHappen);
                }
            }
        };
    }

    @SuppressWarnings("EmptyCatch") // the first thread repeats the work and reports its error
    private static void attempt(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | LinkageError repeatedWhereNeeded) {
            // nothing to do here: see above
        }
    }
}
