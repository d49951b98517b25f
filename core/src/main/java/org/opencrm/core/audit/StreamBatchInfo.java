package org.opencrm.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The part of Lambda's on-failure record for a DynamoDB stream batch that says which records were
 * given up on ({@code DDBStreamBatchInfo}): a shard of a stream, from one sequence number to
 * another, both included.
 *
 * @param condition why Lambda gave up ({@code RetryAttemptsExhausted}, {@code RecordAgeExceeded},
 *     …), for the log
 */
public record StreamBatchInfo(
        String streamArn,
        String shardId,
        String startSequenceNumber,
        String endSequenceNumber,
        int batchSize,
        String condition) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads an on-failure record; a message that is not one is refused with the reason. */
    public static StreamBatchInfo parse(String message) {
        JsonNode root;
        try {
            root = JSON.readTree(message == null ? "" : message);
        } catch (IOException notJson) {
            throw new IllegalArgumentException("not an on-failure record: not JSON", notJson);
        }
        JsonNode batch = root == null ? null : root.get("DDBStreamBatchInfo");
        if (batch == null || !batch.isObject()) {
            throw new IllegalArgumentException("not an on-failure record: no DDBStreamBatchInfo");
        }
        StreamBatchInfo info =
                new StreamBatchInfo(
                        batch.path("streamArn").asText(null),
                        batch.path("shardId").asText(null),
                        batch.path("startSequenceNumber").asText(null),
                        batch.path("endSequenceNumber").asText(null),
                        batch.path("batchSize").asInt(0),
                        root.path("requestContext").path("condition").asText(null));
        if (info.streamArn() == null
                || info.shardId() == null
                || info.startSequenceNumber() == null
                || info.endSequenceNumber() == null) {
            throw new IllegalArgumentException(
                    "not an on-failure record: DDBStreamBatchInfo lacks streamArn, shardId or a"
                            + " sequence number");
        }
        return info;
    }

    /**
     * Whether a record's sequence number lies past the batch's end (numbers, not text, compare).
     */
    public boolean endsBefore(String sequenceNumber) {
        return new BigInteger(sequenceNumber).compareTo(new BigInteger(endSequenceNumber)) > 0;
    }
}
