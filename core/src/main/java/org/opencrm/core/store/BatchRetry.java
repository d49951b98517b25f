package org.opencrm.core.store;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The one loop for batch requests DynamoDB may accept in part: BatchWriteItem hands back
 * unprocessed items and BatchGetItem unprocessed keys when a partition is throttled, and what it
 * hands back is sent again, after the same pauses and within the same number of attempts as {@link
 * ConflictRetry}. When the attempts run out with anything still unprocessed, {@link Unfinished} is
 * thrown: an item is never dropped silently.
 */
public final class BatchRetry {

    private static final BatchRetry STANDARD = new BatchRetry(ConflictRetry::sleep);

    /** Anything left unprocessed is a failed attempt. */
    private static final RetryPolicy<Integer> POLICY =
            ConflictRetry.<Integer>backoff().handleResultIf(left -> left > 0).build();

    /** DynamoDB kept refusing part of a batch: the items it never took are counted. */
    public static final class Unfinished extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int unprocessed;

        Unfinished(int unprocessed, String why) {
            super(unprocessed + " items of a batch still unprocessed " + why);
            this.unprocessed = unprocessed;
        }

        public int unprocessed() {
            return unprocessed;
        }
    }

    private final ConflictRetry.Pause pause;

    BatchRetry(ConflictRetry.Pause pause) {
        this.pause = pause;
    }

    /** The policy every store uses. */
    public static BatchRetry standard() {
        return STANDARD;
    }

    /**
     * Sends {@code items}, then what each request hands back, until nothing is left.
     *
     * @param send sends one request and returns the items it left unprocessed (empty: all done)
     */
    public <T> void sendAll(List<T> items, UnaryOperator<List<T>> send) {
        sendAll(items, send, List::size);
    }

    /**
     * Sends {@code batch}, then what each request hands back, until nothing is left; for batches
     * that are not a plain list, such as BatchGetItem's keys by table.
     *
     * @param send sends one request and returns what it left unprocessed, as a batch of its own
     * @param size how many items a batch holds
     */
    public <B> void sendAll(B batch, UnaryOperator<B> send, ToIntFunction<B> size) {
        if (size.applyAsInt(batch) == 0) {
            return;
        }
        Execution<Integer> execution = Execution.of(POLICY);
        B pending = batch;
        while (true) {
            pending = send.apply(pending);
            int left = size.applyAsInt(pending);
            execution.recordResult(left);
            if (left == 0) {
                return;
            }
            pauseOrGiveUp(execution, left);
        }
    }

    private void pauseOrGiveUp(Execution<Integer> execution, int left) {
        if (execution.isComplete()) {
            throw new Unfinished(
                    left,
                    "after " + execution.getAttemptCount() + " attempts (throttled throughout)");
        }
        try {
            pause.pause(execution.getDelay());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new Unfinished(left, "when the pause was interrupted");
        }
    }
}
