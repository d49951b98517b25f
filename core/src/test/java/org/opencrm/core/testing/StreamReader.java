package org.opencrm.core.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Reads a table's whole stream from the embedded engine, as a stream function would see it. */
public final class StreamReader {

    private final DynamoDbStreamsClient streams;

    public StreamReader(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    public List<Record> allRecords(String tableName) {
        String streamArn =
                streams.listStreams(b -> b.tableName(tableName)).streams().get(0).streamArn();
        StreamDescription description =
                streams.describeStream(b -> b.streamArn(streamArn)).streamDescription();
        List<Record> records = new ArrayList<>();
        for (Shard shard : description.shards()) {
            String iterator =
                    streams.getShardIterator(
                                    b ->
                                            b.streamArn(streamArn)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
                records.addAll(response.records());
                iterator = response.records().isEmpty() ? null : response.nextShardIterator();
            }
        }
        return records;
    }

    public List<Record> recordsFor(String tableName, String id) {
        return allRecords(tableName).stream()
                .filter(record -> id.equals(record.dynamodb().keys().get("id").s()))
                .toList();
    }
}
