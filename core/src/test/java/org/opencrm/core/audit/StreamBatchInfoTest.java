package org.opencrm.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamBatchInfoTest {

    /** The shape of Lambda's on-failure record for a DynamoDB stream batch (AWS docs). */
    private static final String ON_FAILURE =
            """
            {"requestContext": {"requestId": "316aa6d0", "functionArn": "arn:aws:lambda:cn-north-1:000000000000:function:audit",
              "condition": "RecordAgeExceeded", "approximateInvokeCount": 7},
             "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
             "version": "1.0", "timestamp": "2026-11-30T12:00:00.000Z",
             "DDBStreamBatchInfo": {"shardId": "shardId-0001", "startSequenceNumber": "900",
              "endSequenceNumber": "1100", "approximateArrivalOfFirstRecord": "2026-11-30T10:00:00Z",
              "approximateArrivalOfLastRecord": "2026-11-30T10:00:01Z", "batchSize": 3,
              "streamArn": "arn:aws:dynamodb:cn-north-1:000000000000:table/crm-dev-customers/stream/2026"}}
            """;

    @Test
    void parse_readsWhichRecordsWereGivenUp_fromLambdasOnFailureRecord() {
        StreamBatchInfo info = StreamBatchInfo.parse(ON_FAILURE);

        assertEquals(
                "arn:aws:dynamodb:cn-north-1:000000000000:table/crm-dev-customers/stream/2026",
                info.streamArn());
        assertEquals("shardId-0001", info.shardId());
        assertEquals("900", info.startSequenceNumber());
        assertEquals("1100", info.endSequenceNumber());
        assertEquals(3, info.batchSize());
        assertEquals("RecordAgeExceeded", info.condition());
    }

    @Test
    void parse_refusesAMessageThatIsNotAnOnFailureRecord() {
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> StreamBatchInfo.parse("{\"Records\": []}"));

        assertTrue(refused.getMessage().contains("DDBStreamBatchInfo"), refused.getMessage());
    }

    @Test
    void parse_refusesABatchWithoutItsSequenceNumbers() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        StreamBatchInfo.parse(
                                "{\"DDBStreamBatchInfo\": {\"streamArn\": \"s\", \"shardId\": \"x\"}}"));
    }

    @Test
    void endsBefore_comparesSequenceNumbersAsNumbers_notAsText() {
        StreamBatchInfo info = StreamBatchInfo.parse(ON_FAILURE);

        // "999" sorts after "1100" as text but lies inside the batch
        assertFalse(info.endsBefore("999"));
        assertFalse(info.endsBefore("1100"));
        assertTrue(info.endsBefore("1101"));
    }
}
