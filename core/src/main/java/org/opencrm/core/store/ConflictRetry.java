package org.opencrm.core.store;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import org.opencrm.core.error.VersionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one retry-on-conflict policy. Every write is conditional, so two writers racing for
 * one item end with one winner and one conflict; the loser's attempt re-reads, re-applies and
 * writes again after a short pause. Attempts are bounded, and pauses grow exponentially with
 * jitter, so racers spread out instead of colliding again in lockstep.
 *
 * <p>A conflict is a {@link VersionConflictException}, a {@link LostRace}, or a transaction
 * cancelled only by other transactions in flight. Anything else ends the run at once. After the
 * last attempt the last conflict is thrown.
 *
 * <p>Failsafe decides (attempts, backoff, jitter); this class says what a conflict is and pauses.
 */
public final class ConflictRetry {

    /**
     * Enough for a burst of writers on one item (fifty deliveries of one phone, the chunks of an
     * import finishing together): with the pauses below they spread over about half a second.
     */
    public static final int ATTEMPTS = 8;

    public static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    public static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

    /** Each pause varies by up to this fraction either way. */
    public static final double JITTER = 0.5;

    private static final ConflictRetry STANDARD = new ConflictRetry(ConflictRetry::sleep);

    /** How the run waits between attempts; tests pass one that only records. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration pause) throws InterruptedException;
    }

    /** One attempt: reads, decides and writes; throws a conflict when it lost the race. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * @param number 1 for the first attempt, 2 for the first retry, ...
         */
        T run(int number);
    }

    private final RetryPolicy<Object> policy;
    private final Pause pause;

    ConflictRetry(Pause pause) {
        this.policy = ConflictRetry.<Object>backoff().handleIf(ConflictRetry::isConflict).build();
        this.pause = pause;
    }

    /**
     * The attempts and pauses, for every retry loop of the stores (this one, {@link BatchRetry}):
     * what each retries is its own.
     */
    static <R> RetryPolicyBuilder<R> backoff() {
        return RetryPolicy.<R>builder()
                .withMaxAttempts(ATTEMPTS)
                .withBackoff(FIRST_PAUSE, LONGEST_PAUSE)
                .withJitter(JITTER);
    }

    /** The policy every flow uses. */
    public static ConflictRetry standard() {
        return STANDARD;
    }

    /** Runs {@code attempt} until it returns, or throws something other than a conflict. */
    public <T> T run(Attempt<T> attempt) {
        return retried(policy, pause, attempt);
    }

    /**
     * The loop of every retry of the stores (this one, {@link WriteRetry}): runs {@code attempt}
     * until it returns, or until the policy gives up on what it threw, which is then thrown.
     */
    static <T> T retried(RetryPolicy<Object> policy, Pause pause, Attempt<T> attempt) {
        Execution<Object> execution = Execution.of(policy);
        for (int number = 1; ; number++) {
            try {
                return attempt.run(number);
            } catch (RuntimeException failure) {
                pauseOrGiveUp(execution, pause, failure);
            }
        }
    }

    private static void pauseOrGiveUp(
            Execution<Object> execution, Pause pause, RuntimeException failure) {
        execution.recordException(failure);
        if (execution.isComplete()) {
            throw failure;
        }
        try {
            pause.pause(execution.getDelay());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    /** Whether another attempt can succeed where this one lost. */
    public static boolean isConflict(Throwable failure) {
        if (failure instanceof TransactionCanceledException cancelled) {
            return CancellationReasons.of(cancelled).onlyConflicts();
        }
        return failure instanceof VersionConflictException || failure instanceof LostRace;
    }

    static void sleep(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
    }
}
