package org.opencrm.infra.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.DynamodbEventTransformer;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbRecordTransformer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Proves the converter by the only independent reference there is: AWS's events-sdk-transformer
 * turns our {@code DynamodbEvent} back into SDK records, which must equal the originals.
 */
class StreamRecordConverterTest {

    private static final String SOURCE_ARN =
            "arn:aws:dynamodb:cn-north-1:123456789012:table/things/stream/2026-01-01T00:00:00.000";

    private static Map<String, AttributeValue> everyAttributeType() {
        return Map.ofEntries(
                Map.entry("id", AttributeValue.fromS("c-1")),
                Map.entry("count", AttributeValue.fromN("42.5")),
                Map.entry(
                        "blob",
                        AttributeValue.fromB(SdkBytes.fromUtf8String("binary \u0000 data"))),
                Map.entry("active", AttributeValue.fromBool(true)),
                Map.entry("nothing", AttributeValue.fromNul(true)),
                Map.entry(
                        "address",
                        AttributeValue.fromM(
                                Map.of(
                                        "city", AttributeValue.fromS("Hangzhou"),
                                        "geo",
                                                AttributeValue.fromL(
                                                        List.of(
                                                                AttributeValue.fromN("30.27"),
                                                                AttributeValue.fromN("120.15")))))),
                Map.entry(
                        "history",
                        AttributeValue.fromL(
                                List.of(
                                        AttributeValue.fromS("created"),
                                        AttributeValue.fromBool(false),
                                        AttributeValue.fromM(
                                                Map.of(
                                                        "by",
                                                        AttributeValue.fromS("demo-rep-a1")))))),
                Map.entry("tags", AttributeValue.fromSs(List.of("vip", "tea"))),
                Map.entry("scores", AttributeValue.fromNs(List.of("1", "2.5"))),
                Map.entry(
                        "keys",
                        AttributeValue.fromBs(
                                List.of(
                                        SdkBytes.fromUtf8String("k1"),
                                        SdkBytes.fromUtf8String("k2")))));
    }

    private static Record record(OperationType operation, Identity identity) {
        return Record.builder()
                .eventID("e-" + operation)
                .eventName(operation)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("cn-north-1")
                .userIdentity(identity)
                .dynamodb(
                        StreamRecord.builder()
                                .approximateCreationDateTime(Instant.ofEpochSecond(1_790_000_000L))
                                .keys(Map.of("id", AttributeValue.fromS("c-1")))
                                .newImage(
                                        operation == OperationType.REMOVE
                                                ? null
                                                : everyAttributeType())
                                .oldImage(
                                        operation == OperationType.INSERT
                                                ? null
                                                : everyAttributeType())
                                .sequenceNumber("000000000000000000042")
                                .sizeBytes(321L)
                                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                                .build())
                .build();
    }

    @Test
    void converter_roundTripsEveryAttributeTypeAndRecordField_throughAwsTransformer() {
        List<Record> originals =
                List.of(
                        record(OperationType.INSERT, null),
                        record(OperationType.MODIFY, null),
                        // TTL deletions are the records that carry a userIdentity
                        record(
                                OperationType.REMOVE,
                                Identity.builder()
                                        .type("Service")
                                        .principalId("dynamodb.amazonaws.com")
                                        .build()));

        DynamodbEvent event = StreamRecordConverter.toEvent(originals, SOURCE_ARN);

        assertEquals(originals, DynamodbEventTransformer.toRecordsV2(event));
        event.getRecords()
                .forEach(converted -> assertEquals(SOURCE_ARN, converted.getEventSourceARN()));
    }

    @Test
    void converter_roundTripsRecordsReadFromDynamoDbLocalStream() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(Optional.empty());
                DynamoDbClient dynamo = LocalAws.dynamo(server.endpoint());
                DynamoDbStreamsClient streams = LocalAws.streams(server.endpoint())) {
            dynamo.createTable(
                    b ->
                            b.tableName("things")
                                    .billingMode("PAY_PER_REQUEST")
                                    .attributeDefinitions(
                                            d -> d.attributeName("id").attributeType("S"))
                                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                                    .streamSpecification(
                                            s ->
                                                    s.streamEnabled(true)
                                                            .streamViewType(
                                                                    StreamViewType
                                                                            .NEW_AND_OLD_IMAGES)));
            dynamo.putItem(b -> b.tableName("things").item(everyAttributeType()));
            dynamo.updateItem(
                    b ->
                            b.tableName("things")
                                    .key(Map.of("id", AttributeValue.fromS("c-1")))
                                    .updateExpression("SET #c = :c")
                                    .expressionAttributeNames(Map.of("#c", "count"))
                                    .expressionAttributeValues(
                                            Map.of(":c", AttributeValue.fromN("43"))));
            dynamo.deleteItem(
                    b -> b.tableName("things").key(Map.of("id", AttributeValue.fromS("c-1"))));

            String streamArn =
                    dynamo.describeTable(b -> b.tableName("things")).table().latestStreamArn();
            String shardId =
                    streams.describeStream(b -> b.streamArn(streamArn))
                            .streamDescription()
                            .shards()
                            .get(0)
                            .shardId();
            String iterator =
                    streams.getShardIterator(
                                    b ->
                                            b.streamArn(streamArn)
                                                    .shardId(shardId)
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            List<Record> originals = streams.getRecords(b -> b.shardIterator(iterator)).records();

            assertEquals(3, originals.size());
            DynamodbEvent event = StreamRecordConverter.toEvent(originals, streamArn);
            for (int i = 0; i < originals.size(); i++) {
                assertEquals(
                        originals.get(i),
                        DynamodbRecordTransformer.toRecordV2(event.getRecords().get(i)));
            }
            assertFalse(event.getRecords().get(0).getDynamodb().getNewImage().isEmpty());
        }
    }
}
