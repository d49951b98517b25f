package org.opencrm.infra.bench;

/**
 * Ends a bench's JVM once its work is done and everything it started is closed.
 *
 * <p>A last resort, and why: DynamoDB Local 2.6.1 keeps a shard-rollover scheduler on a non-daemon
 * pool thread that sleeps 7.5 minutes between rounds and notices the engine's shutdown only when it
 * next wakes; nothing in its API wakes it. Without this a bench that closed the engine still holds
 * the terminal for up to 7.5 minutes.
 */
final class BenchExit {

    /** A bench's whole work, closing what it starts. */
    interface Work {
        void run() throws Exception;
    }

    private BenchExit() {}

    /** Runs the work, then exits: 0 when it succeeded, 1 (after its stack trace) when not. */
    static void afterClosing(Work work) {
        int status = 0;
        try {
            work.run();
        } catch (Exception failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
