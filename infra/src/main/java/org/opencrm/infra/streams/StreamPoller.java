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
    private final Map<String, ShardCursor> cursors = new LinkedHashMap<>();
    private final ScheduledExecutorService thread;
    private boolean firstRefresh = true;

    public StreamPoller(
            StreamSource source,
            String tableName,
            String streamArn,
            DynamoDbStreamsClient streams,
            FunctionRuntime runtime,
            CheckpointStore checkpoints,
            OnFailureDestinations onFailure,
            Clock clock) {
        this.source = source;
        this.tableName = tableName;
        this.streamArn = streamArn;
        this.streams = streams;
        this.runtime = runtime;
        this.checkpoints = checkpoints;
        this.onFailure = onFailure;
        // the local cloud's clock: advancing it ages records (MaximumRecordAgeInSeconds)
        this.clock = clock;
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

    @SuppressWarnings("FutureReturnValueIgnored") // pollLogged reports its own failures
    public void start() {
        thread.scheduleWithFixedDelay(
                this::pollLogged, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException unexpected) {
            if (!thread.isShutdown()) {
                log("poll failed, retrying: " + unexpected);
            }
        }
    }

    private void poll() {
        refreshShards();
        for (ShardCursor cursor : cursors.values()) {
            if (parentUnfinished(cursor)) {
                continue;
            }
            read(cursor);
            deliverDueBatches(cursor);
        }
    }

    private void refreshShards() {
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

    private void read(ShardCursor cursor) {
        if (!cursor.wantsRecords()) {
            return;
        }
        try {
            String iterator = cursor.iterator().orElseGet(() -> newIterator(cursor));
            var response =
                    streams.getRecords(b -> b.shardIterator(iterator).limit(MAX_RECORDS_PER_READ));
            cursor.read(response.records(), response.nextShardIterator(), clock.instant());
        } catch (ExpiredIteratorException | TrimmedDataAccessException stale) {
            // DynamoDB Local 2.6.1 (with more than one table) rejects an iterator taken while the
            // shard was empty as soon as a record arrives; a fresh one from the checkpoint works.
            cursor.rewind();
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
            result =
                    runtime.invoke(
                            source.functionLogicalId(),
                            StreamRecordConverter.toEvent(batch, streamArn));
        } catch (InvocationFailedException failed) {
            return BatchOutcome.thrown(failed.getMessage());
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
