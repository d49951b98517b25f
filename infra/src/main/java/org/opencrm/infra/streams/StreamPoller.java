package org.opencrm.infra.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencrm.core.store.StreamRecordTimes;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.infra.streams.DeadLetterSink.DeadLetter;
import org.opencrm.template.StreamSource;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One event source mapping: reads a table's stream shard by shard and invokes the stream function
 * with {@link DynamodbEvent} batches, the way Lambda's poller does. Records of a shard are
 * delivered in order, a child shard only after its parent; a failed batch is retried (from the
 * lowest reported failure with {@code ReportBatchItemFailures}, in halves with {@code
 * BisectBatchOnFunctionError}) until {@code MaximumRetryAttempts} or {@code
 * MaximumRecordAgeInSeconds} (age by the local cloud's clock since the record was first read), then
 * handed to the on-failure destination and passed over.
 */
public final class StreamPoller implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /**
     * How long an idle mapping waits between polls, at least. Lambda polls every shard four times a
     * second; DynamoDB Local answers a read of a quiet stream by scanning every stream record
     * written since (its records table is keyed by sequence number only), so a dozen or more idle
     * mappings polling at Lambda's rate swamp its one SQLite thread once a big import has written a
     * million records. An idle mapping backs off from {@link #POLL_INTERVAL} to this, and further
     * while idle rounds are slow (see {@link #IDLE_COST_SHARE}); it is back at full rate as soon as
     * a read finds records.
     */
    static final Duration IDLE_POLL_INTERVAL = Duration.ofSeconds(1);

    /**
     * An idle mapping waits this many times as long as its last idle round took, so its polling
     * costs DynamoDB Local at most one part in this many of its time however big the stream grows
     * (an idle round of 2 ms waits the idle interval; one of 200 ms waits 10 s).
     */
    static final int IDLE_COST_SHARE = 50;

    /** The longest an idle mapping waits: a record written then is delivered this late at worst. */
    static final Duration MAX_IDLE_POLL_INTERVAL = Duration.ofSeconds(15);

    /**
     * How often shards are listed while every known one is open: a new shard only matters once its
     * parent closes, and DescribeStream costs DynamoDB Local a scan of the stream records too.
     */
    static final Duration SHARD_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private static final int MAX_RECORDS_PER_READ = 1000;
    private static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";
    private static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private final StreamSource source;
    private final String tableName;
    private final String streamArn;
    private final DynamoDbStreamsClient streams;
    private final FunctionRuntime runtime;
    private final CheckpointStore checkpoints;
    private final OnFailureDestinations onFailure;
    private final Clock clock;
    private final StreamFaults faults;
    private final Map<String, ShardCursor> cursors = new LinkedHashMap<>();
    private final ScheduledExecutorService thread;
    private boolean firstRefresh = true;
    private long lastRefreshNanos;
    private int idlePolls;

    /**
     * Where batches go: the function, the on-failure destinations of what it never takes, and the
     * faults injected on the way (none outside the soak bench).
     */
    public record Delivery(
            FunctionRuntime runtime, OnFailureDestinations onFailure, StreamFaults faults) {}

    public StreamPoller(
            StreamSource source,
            String tableName,
            String streamArn,
            DynamoDbStreamsClient streams,
            Delivery delivery,
            CheckpointStore checkpoints,
            Clock clock) {
        this.source = source;
        this.tableName = tableName;
        this.streamArn = streamArn;
        this.streams = streams;
        this.runtime = delivery.runtime();
        this.checkpoints = checkpoints;
        this.onFailure = delivery.onFailure();
        // the local cloud's clock: advancing it ages records (MaximumRecordAgeInSeconds)
        this.clock = clock;
        this.faults = delivery.faults();
        this.thread =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread poller =
                                    new Thread(
                                            task,
                                            "stream-"
                                                    + source.functionLogicalId()
                                                    + "-"
                                                    + source.eventId());
                            poller.setDaemon(true);
                            return poller;
                        });
    }

    public StreamSource source() {
        return source;
    }

    public void start() {
        schedule(Duration.ZERO);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // pollAndReschedule reports its own failures
    private void schedule(Duration delay) {
        try {
            thread.schedule(this::pollAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() shut the thread down while this poll ran: nothing more to schedule
        }
    }

    private void pollAndReschedule() {
        boolean busy = true;
        long started = System.nanoTime();
        try {
            busy = poll();
        } catch (RuntimeException unexpected) {
            if (!thread.isShutdown()) {
                log("poll failed, retrying: " + unexpected);
            }
        }
        idlePolls = busy ? 0 : idlePolls + 1;
        schedule(nextDelay(idlePolls, Duration.ofNanos(System.nanoTime() - started)));
    }

    /**
     * After a busy round {@link #POLL_INTERVAL}; after idle ones, that doubled for each idle round
     * in a row up to {@link #IDLE_POLL_INTERVAL}, or {@link #IDLE_COST_SHARE} times the last
     * round's duration if that is longer, at most {@link #MAX_IDLE_POLL_INTERVAL}.
     */
    static Duration nextDelay(int idlePolls, Duration lastRound) {
        if (idlePolls == 0) {
            return POLL_INTERVAL;
        }
        Duration backoff =
                shorter(
                        POLL_INTERVAL.multipliedBy(1L << Math.min(idlePolls, 10)),
                        IDLE_POLL_INTERVAL);
        Duration proportional =
                shorter(lastRound.multipliedBy(IDLE_COST_SHARE), MAX_IDLE_POLL_INTERVAL);
        return backoff.compareTo(proportional) >= 0 ? backoff : proportional;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One round over the shards; true when it read records or some are still unfinished. */
    private boolean poll() {
        if (shardsDueForRefresh()) {
            refreshShards();
        }
        boolean busy = false;
        for (ShardCursor cursor : cursors.values()) {
            if (parentUnfinished(cursor)) {
                continue;
            }
            busy |= read(cursor);
            deliverDueBatches(cursor);
            busy |= cursor.hasUnfinished();
        }
        return busy;
    }

    private boolean shardsDueForRefresh() {
        boolean noOpenShard = cursors.values().stream().allMatch(ShardCursor::closed);
        long sinceRefresh = System.nanoTime() - lastRefreshNanos;
        return firstRefresh || noOpenShard || sinceRefresh >= SHARD_REFRESH_INTERVAL.toNanos();
    }

    private void refreshShards() {
        lastRefreshNanos = System.nanoTime();
        String lastShard = null;
        do {
            String startAfter = lastShard;
            var description =
                    streams.describeStream(
                                    b -> b.streamArn(streamArn).exclusiveStartShardId(startAfter))
                            .streamDescription();
            for (Shard shard : description.shards()) {
                cursors.computeIfAbsent(
                        shard.shardId(),
                        id ->
                                new ShardCursor(
                                        id,
                                        Optional.ofNullable(shard.parentShardId()),
                                        source.batchSize(),
                                        checkpoints));
            }
            lastShard = description.lastEvaluatedShardId();
        } while (lastShard != null);
        firstRefresh = false;
    }

    private boolean parentUnfinished(ShardCursor cursor) {
        return cursor.parentShardId()
                .map(cursors::get)
                .map(parent -> !parent.finished())
                .orElse(false);
    }

    /** Reads the shard when it wants records; true when the read found some. */
    private boolean read(ShardCursor cursor) {
        if (!cursor.wantsRecords()) {
            return false;
        }
        try {
            String iterator = cursor.iterator().orElseGet(() -> newIterator(cursor));
            var response =
                    streams.getRecords(b -> b.shardIterator(iterator).limit(MAX_RECORDS_PER_READ));
            cursor.read(response.records(), response.nextShardIterator(), clock.instant());
            return !response.records().isEmpty();
        } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
            // DynamoDB Local 2.6.1 (with more than one table) rejects an iterator taken while the
            // shard was empty as soon as a record arrives; a fresh one from the checkpoint works.
            cursor.rewind();
            return true;
        }
    }

    private String newIterator(ShardCursor cursor) {
        if (cursor.checkpoint().isPresent()) {
            try {
                return iterator(
                        cursor, ShardIteratorType.AFTER_SEQUENCE_NUMBER, cursor.checkpoint().get());
            } catch (TrimmedDataAccessException trimmed) {
                log(
                        cursor.shardId()
                                + ": checkpoint is past the stream's retention, starting at TRIM_HORIZON");
                return iterator(cursor, ShardIteratorType.TRIM_HORIZON, null);
            }
        }
        // LATEST only applies where the mapping starts; shards that appear later are read whole.
        boolean latest = firstRefresh && source.startingPosition().equals("LATEST");
        return iterator(
                cursor, latest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON, null);
    }

    private String iterator(ShardCursor cursor, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(
                        b ->
                                b.streamArn(streamArn)
                                        .shardId(cursor.shardId())
                                        .shardIteratorType(type)
                                        .sequenceNumber(sequenceNumber))
                .shardIterator();
    }

    private void deliverDueBatches(ShardCursor cursor) {
        Duration window = Duration.ofSeconds(source.maximumBatchingWindowSeconds());
        while (cursor.batchDue(window, clock.instant())) {
            giveUpOnExpiredRecords(cursor);
            if (!cursor.batchDue(window, clock.instant()) || !deliver(cursor, cursor.peekBatch())) {
                return;
            }
        }
    }

    private void giveUpOnExpiredRecords(ShardCursor cursor) {
        if (source.maximumRecordAgeSeconds() == StreamSource.UNLIMITED) {
            return;
        }
        List<Record> expired =
                cursor.expiredBefore(
                        clock.instant().minusSeconds(source.maximumRecordAgeSeconds()));
        if (!expired.isEmpty()) {
            deadLetter(
                    cursor,
                    expired,
                    "records older than MaximumRecordAgeInSeconds="
                            + source.maximumRecordAgeSeconds(),
                    RECORD_AGE_EXCEEDED);
            cursor.finish(expired.size());
        }
    }

    /** Invokes the function with one batch; true when the whole batch succeeded. */
    private boolean deliver(ShardCursor cursor, List<Record> batch) {
        BatchOutcome outcome = invoke(batch);
        if (outcome.failedFrom() == BatchOutcome.NONE_FAILED) {
            cursor.finish(batch.size());
            return true;
        }
        cursor.finish(outcome.failedFrom());
        List<Record> failed = batch.subList(outcome.failedFrom(), batch.size());
        if (outcome.thrown() && source.bisectBatchOnFunctionError() && failed.size() > 1) {
            log(
                    cursor.shardId()
                            + ": "
                            + outcome.reason()
                            + "; bisecting the batch of "
                            + failed.size());
            cursor.halveBatch(failed.size());
            return false;
        }
        int failures = cursor.countFailure();
        int retries = source.maximumRetryAttempts();
        if (retries == StreamSource.UNLIMITED || failures <= retries) {
            log(
                    cursor.shardId()
                            + ": "
                            + outcome.reason()
                            + "; retry "
                            + failures
                            + (retries == StreamSource.UNLIMITED ? "" : " of " + retries)
                            + " from "
                            + sequenceNumber(failed.get(0)));
            return false;
        }
        deadLetter(
                cursor,
                failed,
                outcome.reason() + "; gave up after " + retries + " retries",
                RETRY_ATTEMPTS_EXHAUSTED);
        cursor.finish(failed.size());
        return true;
    }

    private BatchOutcome invoke(List<Record> batch) {
        Object result;
        try {
            DynamodbEvent event = StreamRecordConverter.toEvent(batch, streamArn);
            result = runtime.invoke(source.functionLogicalId(), event);
            if (faults.duplicateThisDelivery()) {
                result = runtime.invoke(source.functionLogicalId(), event);
            }
        } catch (InvocationFailedException failed) {
            return BatchOutcome.thrown(failed.getMessage());
        }
        if (faults.failThisInvocation()) {
            return BatchOutcome.thrown("injected failure after the function ran");
        }
        if (!source.reportBatchItemFailures()
                || !(result instanceof StreamsEventResponse response)
                || response.getBatchItemFailures() == null) {
            return BatchOutcome.success();
        }
        int lowest = BatchOutcome.NONE_FAILED;
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            int index = indexOf(batch, failure == null ? null : failure.getItemIdentifier());
            lowest = lowest == BatchOutcome.NONE_FAILED ? index : Math.min(lowest, index);
        }
        return lowest == BatchOutcome.NONE_FAILED
                ? BatchOutcome.success()
                : BatchOutcome.reported(
                        lowest,
                        "function reported failure at " + sequenceNumber(batch.get(lowest)));
    }

    /** A null, empty or unknown identifier fails the whole batch, as in AWS. */
    private static int indexOf(List<Record> batch, String sequenceNumber) {
        for (int i = 0; sequenceNumber != null && i < batch.size(); i++) {
            if (sequenceNumber(batch.get(i)).equals(sequenceNumber)) {
                return i;
            }
        }
        return 0;
    }

    private void deadLetter(
            ShardCursor cursor, List<Record> records, String reason, String condition) {
        if (source.onFailureDestination().isEmpty()) {
            log(
                    cursor.shardId()
                            + ": "
                            + reason
                            + "; no OnFailure destination, "
                            + records.size()
                            + " records discarded");
            return;
        }
        log(
                cursor.shardId()
                        + ": "
                        + reason
                        + "; "
                        + records.size()
                        + " records sent to "
                        + (onFailure.isConsumed(source.onFailureDestination().get())
                                ? "the on-failure queue"
                                : "the dead-letter file"));
        onFailure.send(
                DeadLetter.builder()
                        .function(source.functionLogicalId())
                        .event(source.eventId())
                        .destination(source.onFailureDestination().get())
                        .table(tableName)
                        .streamArn(streamArn)
                        .shardId(cursor.shardId())
                        .firstSequenceNumber(sequenceNumber(records.get(0)))
                        .lastSequenceNumber(sequenceNumber(records.get(records.size() - 1)))
                        .batchSize(records.size())
                        .reason(reason)
                        .condition(condition)
                        .firstArrival(String.valueOf(StreamRecordTimes.createdAt(records.get(0))))
                        .lastArrival(
                                String.valueOf(
                                        StreamRecordTimes.createdAt(
                                                records.get(records.size() - 1))))
                        .recordedAt(clock.instant().toString())
                        .records(StreamRecordConverter.toEvent(records, streamArn).getRecords())
                        .build());
    }

    private static String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    private void log(String message) {
        System.err.println(
                "[stream " + tableName + " -> " + source.functionLogicalId() + "] " + message);
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * @param failedFrom index of the first record not processed, {@link #NONE_FAILED} on success
     * @param thrown the function failed as a whole (threw or timed out) rather than reporting items
     */
    private record BatchOutcome(int failedFrom, boolean thrown, String reason) {
        static final int NONE_FAILED = -1;

        static BatchOutcome success() {
            return new BatchOutcome(NONE_FAILED, false, "");
        }

        static BatchOutcome thrown(String reason) {
            return new BatchOutcome(0, true, reason);
        }

        static BatchOutcome reported(int failedFrom, String reason) {
            return new BatchOutcome(failedFrom, false, reason);
        }
    }
}
