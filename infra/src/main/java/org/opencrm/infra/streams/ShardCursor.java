package org.opencrm.infra.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * How far one stream mapping has got in one shard: the checkpoint (last record its function
 * finished), the records read past it but not yet finished, and the state of the batch that is
 * failing. Used by one poller thread only.
 */
final class ShardCursor {

    private final String shardId;
    private final Optional<String> parentShardId;
    private final int batchSize;
    private final CheckpointStore checkpoints;
    private final Deque<Record> unfinished = new ArrayDeque<>();

    /**
     * When each unfinished record was first read, by the local cloud's clock: a record's age for
     * {@code MaximumRecordAgeInSeconds}. DynamoDB Local stamps records with the machine's time,
     * which knows nothing of {@code /_local/clock/advance}; reading follows the write within a poll
     * interval. Kept across a rewind, so a re-read record does not grow young again.
     */
    private final Map<String, Instant> firstRead = new HashMap<>();

    private Optional<String> checkpoint;
    private String iterator;
    private boolean shardClosed;
    private Instant bufferedSince;
    private int batchLimit;
    private String failingHead;
    private int failures;

    ShardCursor(
            String shardId,
            Optional<String> parentShardId,
            int batchSize,
            CheckpointStore checkpoints) {
        this.shardId = shardId;
        this.parentShardId = parentShardId;
        this.batchSize = batchSize;
        this.checkpoints = checkpoints;
        this.checkpoint = checkpoints.load(shardId);
        this.batchLimit = batchSize;
    }

    String shardId() {
        return shardId;
    }

    Optional<String> parentShardId() {
        return parentShardId;
    }

    Optional<String> checkpoint() {
        return checkpoint;
    }

    Optional<String> iterator() {
        return Optional.ofNullable(iterator);
    }

    /** Whether another read is due: the shard is open and fewer than a batch of records wait. */
    boolean wantsRecords() {
        return !shardClosed && unfinished.size() < batchSize;
    }

    /** The shard has ended: DynamoDB gave no next iterator. */
    boolean closed() {
        return shardClosed;
    }

    /** Records were read past the checkpoint and wait for (or failed) delivery. */
    boolean hasUnfinished() {
        return !unfinished.isEmpty();
    }

    /** Every record of a closed shard is finished: its children may start. */
    boolean finished() {
        return shardClosed && unfinished.isEmpty();
    }

    void read(List<Record> records, String nextIterator, Instant now) {
        if (unfinished.isEmpty() && !records.isEmpty()) {
            bufferedSince = now;
        }
        unfinished.addAll(records);
        records.forEach(record -> firstRead.putIfAbsent(record.dynamodb().sequenceNumber(), now));
        iterator = nextIterator;
        shardClosed = nextIterator == null;
    }

    /** Forgets what was read past the checkpoint; the next read starts right after it again. */
    void rewind() {
        unfinished.clear();
        iterator = null;
        shardClosed = false;
    }

    /**
     * A batch is due when it is full, the batching window has passed, or the shard has nothing
     * more.
     */
    boolean batchDue(Duration window, Instant now) {
        if (unfinished.isEmpty()) {
            return false;
        }
        return unfinished.size() >= batchLimit
                || shardClosed
                || !bufferedSince.plus(window).isAfter(now);
    }

    List<Record> peekBatch() {
        return unfinished.stream().limit(batchLimit).toList();
    }

    /** The head records first read before {@code cutoff}. */
    List<Record> expiredBefore(Instant cutoff) {
        List<Record> expired = new ArrayList<>();
        for (Record record : unfinished) {
            Instant read = firstRead.get(record.dynamodb().sequenceNumber());
            if (read == null || !read.isBefore(cutoff)) {
                break;
            }
            expired.add(record);
        }
        return expired;
    }

    /**
     * The first {@code count} records are done with (processed or given up on): checkpoint after
     * them.
     */
    void finish(int count) {
        Record last = null;
        for (int i = 0; i < count; i++) {
            last = unfinished.removeFirst();
            firstRead.remove(last.dynamodb().sequenceNumber());
        }
        if (last == null) {
            return;
        }
        checkpoint = Optional.of(last.dynamodb().sequenceNumber());
        checkpoints.save(shardId, checkpoint.get());
        failingHead = null;
        failures = 0;
        batchLimit = batchSize;
    }

    /**
     * Counts a failed attempt at the batch starting at the current head; returns the failures in a
     * row.
     */
    int countFailure() {
        String head = unfinished.getFirst().dynamodb().sequenceNumber();
        failures = head.equals(failingHead) ? failures + 1 : 1;
        failingHead = head;
        return failures;
    }

    /** BisectBatchOnFunctionError: the next attempts take half as many records. */
    void halveBatch(int failedBatchSize) {
        batchLimit = Math.max(1, (failedBatchSize + 1) / 2);
    }
}
