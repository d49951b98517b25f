package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The one loop for batches DynamoDB accepts in part. DynamoDB Local never throttles, so it never
 * hands back unprocessed items; the loop runs here against an in-memory table that takes only so
 * many items per request, with pauses recorded instead of slept.
 */
class BatchRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final BatchRetry retry = new BatchRetry(pauses::add);

    /** Takes at most {@code perRequest} items of each request and hands back the rest. */
    private static final class ThrottledTable {
        final int perRequest;
        final List<String> stored = new ArrayList<>();
        int requests;

        ThrottledTable(int perRequest) {
            this.perRequest = perRequest;
        }

        List<String> write(List<String> batch) {
            requests++;
            int taken = Math.min(perRequest, batch.size());
            stored.addAll(batch.subList(0, taken));
            return List.copyOf(batch.subList(taken, batch.size()));
        }
    }

    private static List<String> items(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "item-" + i).toList();
    }

    @Test
    void sendAll_resendsWhatIsLeftUnprocessed_untilEveryItemIsStoredOnce() {
        // GIVEN a table that takes two items per request, and seven items
        ThrottledTable table = new ThrottledTable(2);

        // WHEN they are sent
        retry.sendAll(items(7), table::write);

        // THEN all seven are stored, each once, in four requests with a pause between each
        assertEquals(items(7), table.stored);
        assertEquals(4, table.requests);
        assertEquals(3, pauses.size());
    }

    @Test
    void sendAll_sendsOnce_withoutPausing_whenTheWholeBatchIsTaken() {
        // GIVEN a table that takes every item
        ThrottledTable table = new ThrottledTable(Integer.MAX_VALUE);

        // WHEN a batch is sent
        retry.sendAll(items(25), table::write);

        // THEN one request stored it all
        assertEquals(25, table.stored.size());
        assertEquals(1, table.requests);
        assertEquals(List.of(), pauses);
    }

    @Test
    void sendAll_sendsNothing_forAnEmptyBatch() {
        // GIVEN a table, and no items
        ThrottledTable table = new ThrottledTable(1);

        // WHEN nothing is sent
        retry.sendAll(List.of(), table::write);

        // THEN no request went out
        assertEquals(0, table.requests);
    }

    @Test
    void sendAll_failsLoudly_countingWhatWasNeverStored_whenTheAttemptsRunOut() {
        // GIVEN a table that takes one item per request, and more items than attempts
        ThrottledTable table = new ThrottledTable(1);

        // WHEN twenty items are sent
        BatchRetry.Unfinished unfinished =
                assertThrows(
                        BatchRetry.Unfinished.class, () -> retry.sendAll(items(20), table::write));

        // THEN it stopped at the attempt limit and says how many items were never stored
        assertEquals(ConflictRetry.ATTEMPTS, table.requests);
        assertEquals(ConflictRetry.ATTEMPTS, table.stored.size());
        assertEquals(20 - ConflictRetry.ATTEMPTS, unfinished.unprocessed());
        assertEquals(ConflictRetry.ATTEMPTS - 1, pauses.size());
    }

    @Test
    void sendAll_pausesLikeConflictRetry_growingExponentiallyWithinTheJitter() {
        // GIVEN a table that never takes anything
        ThrottledTable table = new ThrottledTable(0);

        // WHEN a batch is sent until the attempts run out
        assertThrows(BatchRetry.Unfinished.class, () -> retry.sendAll(items(3), table::write));

        // THEN pause k lies within JITTER of min(FIRST_PAUSE * 2^(k-1), LONGEST_PAUSE)
        BackoffBounds.assertEachWithinJitter(pauses);
    }

    @Test
    void sendAll_countsItemsWithTheGivenSize_forBatchesThatAreNoPlainList() {
        // GIVEN keys to read in groups (as BatchGetItem groups them by table), one group per
        // request
        List<List<String>> groups = List.of(items(3), items(2), items(4));
        List<String> read = new ArrayList<>();

        // WHEN they are read
        retry.sendAll(
                groups,
                pending -> {
                    read.addAll(pending.get(0));
                    return pending.subList(1, pending.size());
                },
                pending -> pending.stream().mapToInt(List::size).sum());

        // THEN every key was read, and the loop ended when no group was left
        assertEquals(9, read.size());
        assertEquals(2, pauses.size());
    }

    @Test
    void sendAll_givesUpAtOnce_whenItsPauseIsInterrupted_keepingTheInterrupt() {
        // GIVEN a loop whose pause is interrupted (the container is shutting down)
        BatchRetry stopping =
                new BatchRetry(
                        pause -> {
                            throw new InterruptedException("shutting down");
                        });
        ThrottledTable table = new ThrottledTable(1);

        // WHEN its first request leaves items behind
        BatchRetry.Unfinished unfinished =
                assertThrows(
                        BatchRetry.Unfinished.class,
                        () -> stopping.sendAll(items(3), table::write));

        // THEN it says what is left, and the thread still knows it was interrupted
        assertEquals(2, unfinished.unprocessed());
        assertEquals(1, table.requests);
        assertTrue(Thread.interrupted());
    }
}
