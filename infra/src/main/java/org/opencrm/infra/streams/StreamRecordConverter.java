package org.opencrm.infra.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Turns SDK v2 stream records (what {@code GetRecords} returns) into the {@link DynamodbEvent}
 * Lambda hands a stream function. The events-sdk-transformer library only converts the other way;
 * {@code StreamRecordConverterTest} proves this one by a round trip through it.
 */
public final class StreamRecordConverter {

    private StreamRecordConverter() {}

    public static DynamodbEvent toEvent(List<Record> records, String eventSourceArn) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(
                records.stream().map(record -> toLambdaRecord(record, eventSourceArn)).toList());
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord toLambdaRecord(
            Record record, String eventSourceArn) {
        DynamodbEvent.DynamodbStreamRecord converted = new DynamodbEvent.DynamodbStreamRecord();
        converted.setEventSourceARN(eventSourceArn);
        converted.setEventID(record.eventID());
        converted.setEventName(record.eventNameAsString());
        converted.setEventVersion(record.eventVersion());
        converted.setEventSource(record.eventSource());
        converted.setAwsRegion(record.awsRegion());
        if (record.userIdentity() != null) {
            converted.setUserIdentity(
                    new Identity()
                            .withPrincipalId(record.userIdentity().principalId())
                            .withType(record.userIdentity().type()));
        }
        if (record.dynamodb() != null) {
            converted.setDynamodb(toLambdaStreamRecord(record.dynamodb()));
        }
        return converted;
    }

    private static StreamRecord toLambdaStreamRecord(
            software.amazon.awssdk.services.dynamodb.model.StreamRecord sdk) {
        StreamRecord converted =
                new StreamRecord()
                        .withSequenceNumber(sdk.sequenceNumber())
                        .withSizeBytes(sdk.sizeBytes());
        if (sdk.approximateCreationDateTime() != null) {
            converted.setApproximateCreationDateTime(Date.from(sdk.approximateCreationDateTime()));
        }
        if (sdk.streamViewTypeAsString() != null) {
            converted.setStreamViewType(StreamViewType.fromValue(sdk.streamViewTypeAsString()));
        }
        if (sdk.hasKeys()) {
            converted.setKeys(toLambdaMap(sdk.keys()));
        }
        if (sdk.hasNewImage()) {
            converted.setNewImage(toLambdaMap(sdk.newImage()));
        }
        if (sdk.hasOldImage()) {
            converted.setOldImage(toLambdaMap(sdk.oldImage()));
        }
        return converted;
    }

    public static Map<String, AttributeValue> toLambdaMap(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        sdk.forEach((name, value) -> converted.put(name, toLambdaValue(value)));
        return converted;
    }

    public static AttributeValue toLambdaValue(
            software.amazon.awssdk.services.dynamodb.model.AttributeValue sdk) {
        return switch (sdk.type()) {
            case S -> new AttributeValue().withS(sdk.s());
            case N -> new AttributeValue().withN(sdk.n());
            case B -> new AttributeValue().withB(copy(sdk.b()));
            case SS -> new AttributeValue().withSS(sdk.ss());
            case NS -> new AttributeValue().withNS(sdk.ns());
            case BS ->
                    new AttributeValue()
                            .withBS(sdk.bs().stream().map(StreamRecordConverter::copy).toList());
            case M -> new AttributeValue().withM(toLambdaMap(sdk.m()));
            case L ->
                    new AttributeValue()
                            .withL(
                                    sdk.l().stream()
                                            .map(StreamRecordConverter::toLambdaValue)
                                            .toList());
            case BOOL -> new AttributeValue().withBOOL(sdk.bool());
            case NUL -> new AttributeValue().withNULL(sdk.nul());
            case UNKNOWN_TO_SDK_VERSION ->
                    throw new IllegalArgumentException("attribute value of unknown type: " + sdk);
        };
    }

    /**
     * A fresh buffer per record: a handler that reads it must not drain the one the next handler
     * sees.
     */
    private static ByteBuffer copy(SdkBytes bytes) {
        return ByteBuffer.wrap(bytes.asByteArray());
    }
}
