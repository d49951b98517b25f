package org.opencrm.infra.streams;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the stream pollers inject into their deliveries, to show handlers idempotent under what
 * Lambda's event source mappings promise: at-least-once. A delivered batch may be delivered again
 * at once (a duplicate delivery), and an invocation may be reported failed after the function ran
 * (its writes stand, the mapping retries or bisects the batch as after a crash or a timeout). None
 * by default; the stream soak bench turns them on.
 */
public final class StreamFaults {

    /** No faults: every batch delivered once, every outcome as the function reported it. */
    public static final StreamFaults NONE = new StreamFaults(0, 0, 0);

    private final double failureRate;
    private final double duplicateRate;
    private final Random random;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    private StreamFaults(double failureRate, double duplicateRate, long seed) {
        this.failureRate = failureRate;
        this.duplicateRate = duplicateRate;
        this.random = new Random(seed);
    }

    /**
     * @param failureRate the share of invocations reported failed after the function ran
     * @param duplicateRate the share of batches delivered twice in a row
     * @param seed the random sequence (the pollers draw from it in whatever order they run)
     */
    public static StreamFaults injected(double failureRate, double duplicateRate, long seed) {
        if (failureRate < 0 || failureRate >= 1 || duplicateRate < 0 || duplicateRate >= 1) {
            throw new IllegalArgumentException(
                    "fault rates must be in [0, 1), got " + failureRate + " and " + duplicateRate);
        }
        return new StreamFaults(failureRate, duplicateRate, seed);
    }

    /** Whether this delivery is to be made twice; counted when it is. */
    boolean duplicateThisDelivery() {
        return draw(duplicateRate, duplicates);
    }

    /** Whether this invocation is to be reported failed after it ran; counted when it is. */
    boolean failThisInvocation() {
        return draw(failureRate, failures);
    }

    private boolean draw(double rate, AtomicLong counter) {
        if (rate == 0) {
            return false;
        }
        boolean hit;
        synchronized (random) {
            hit = random.nextDouble() < rate;
        }
        if (hit) {
            counter.incrementAndGet();
        }
        return hit;
    }

    /** Invocations reported failed after they ran, so far. */
    public long failures() {
        return failures.get();
    }

    /** Batches delivered twice, so far. */
    public long duplicates() {
        return duplicates.get();
    }
}
