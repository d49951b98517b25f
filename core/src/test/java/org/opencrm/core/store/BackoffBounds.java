package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

/** The one retry policy's pause schedule, as every retry's test checks it. */
final class BackoffBounds {

    private BackoffBounds() {}

    /** Pause k lies within JITTER of min(FIRST_PAUSE * 2^(k-1), LONGEST_PAUSE), for every k. */
    static void assertEachWithinJitter(List<Duration> pauses) {
        for (int k = 1; k <= pauses.size(); k++) {
            long nominal =
                    Math.min(
                            ConflictRetry.FIRST_PAUSE.toNanos() << (k - 1),
                            ConflictRetry.LONGEST_PAUSE.toNanos());
            long pause = pauses.get(k - 1).toNanos();
            long lowest = (long) (nominal * (1 - ConflictRetry.JITTER));
            long highest = (long) (nominal * (1 + ConflictRetry.JITTER));
            assertTrue(
                    pause >= lowest && pause <= highest,
                    "pause "
                            + k
                            + " was "
                            + pause
                            + "ns, not in ["
                            + lowest
                            + ", "
                            + highest
                            + "]");
        }
    }
}
