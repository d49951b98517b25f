package org.opencrm.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.store.StreamRecordTimes;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the audited tables' streams with the DynamoDB Streams API: a given-up batch again, or every
 * change of a time window. Streams keep records for 24 hours, which bounds both.
 */
public final class AuditStreams {

    private static final int MAX_RECORDS_PER_READ = 1000;

    private final DynamoDbStreamsClient streams;

    public AuditStreams(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    /** Exactly the records of a given-up batch, in order. */
    public List<Record> batch(StreamBatchInfo info) {
        String iterator =
                streams.getShardIterator(
                                b ->
                                        b.streamArn(info.streamArn())
                                                .shardId(info.shardId())
                                                .shardIteratorType(
                                                        ShardIteratorType.AT_SEQUENCE_NUMBER)
                                                .sequenceNumber(info.startSequenceNumber()))
                        .shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            GetRecordsResponse page = read(iterator);
            for (Record record : page.records()) {
                if (info.endsBefore(record.dynamodb().sequenceNumber())) {
                    return records;
                }
                records.add(record);
            }
            if (page.records().isEmpty()
                    || records.get(records.size() - 1)
                            .dynamodb()
                            .sequenceNumber()
                            .equals(info.endSequenceNumber())) {
                return records;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }

    /**
     * Every record of the stream created in {@code [from, to)}, shard by shard. Reads each shard
     * from its oldest record: the Streams API has no iterator by time.
     */
    public List<Record> changedBetween(String streamArn, Instant from, Instant to) {
        List<Record> changed = new ArrayList<>();
        for (Shard shard : shards(streamArn)) {
            String iterator =
                    streams.getShardIterator(
                                    b ->
                                            b.streamArn(streamArn)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            changed.addAll(inWindow(iterator, from, to));
        }
        return changed;
    }

    private List<Record> inWindow(String firstIterator, Instant from, Instant to) {
        List<Record> changed = new ArrayList<>();
        String iterator = firstIterator;
        while (iterator != null) {
            GetRecordsResponse page = read(iterator);
            for (Record record : page.records()) {
                Instant created = StreamRecordTimes.createdAt(record);
                if (!created.isBefore(to)) {
                    return changed;
                }
                if (!created.isBefore(from)) {
                    changed.add(record);
                }
            }
            // an open shard answers an empty page once it has nothing more
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return changed;
    }

    private List<Shard> shards(String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String lastShard = null;
        do {
            String startAfter = lastShard;
            StreamDescription description =
                    streams.describeStream(
                                    b -> b.streamArn(streamArn).exclusiveStartShardId(startAfter))
                            .streamDescription();
            shards.addAll(description.shards());
            lastShard = description.lastEvaluatedShardId();
        } while (lastShard != null);
        return shards;
    }

    private GetRecordsResponse read(String iterator) {
        return streams.getRecords(b -> b.shardIterator(iterator).limit(MAX_RECORDS_PER_READ));
    }
}
