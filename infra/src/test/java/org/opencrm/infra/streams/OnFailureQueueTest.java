package org.opencrm.infra.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.opencrm.infra.TestSupport.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.Json;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.fixtures.ScriptedQueueHandler;
import org.opencrm.infra.fixtures.ScriptedQueueHandler.Delivery;
import org.opencrm.infra.fixtures.ScriptedStreamHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stream mapping whose {@code OnFailure} destination is a queue another function consumes: the
 * local cloud sends Lambda's on-failure record there and delivers it as an SQS event, with SQS's
 * redelivery after the visibility timeout and its dead-letter queue.
 */
class OnFailureQueueTest {

    private static final String REDRIVE_QUEUE =
            "arn:aws:sqs:cn-north-1:123456789012:fixture-test-redrive";
    private static final String REDRIVE_DLQ =
            "arn:aws:sqs:cn-north-1:123456789012:fixture-test-redrive-dlq";

    private static LocalCloud cloud;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(TestSupport.FIXTURE_TEMPLATE));
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @BeforeEach
    void forgetDeliveries() {
        ScriptedQueueHandler.DELIVERIES.clear();
        ScriptedQueueHandler.FAILURES_LEFT.set(0);
    }

    private static void putFailingRecord(String id) {
        cloud.dynamo()
                .putItem(
                        b ->
                                b.tableName(cloud.tableName("GiveUpTable"))
                                        .item(
                                                Map.of(
                                                        "id", AttributeValue.fromS(id),
                                                        "behaviour",
                                                                AttributeValue.fromS(
                                                                        "fail-always"))));
    }

    private static List<Delivery> deliveriesOf(String sequenceNumber) {
        return ScriptedQueueHandler.DELIVERIES.stream()
                .filter(
                        delivery ->
                                batchInfo(delivery)
                                        .path("startSequenceNumber")
                                        .asText()
                                        .equals(sequenceNumber))
                .toList();
    }

    private static JsonNode batchInfo(Delivery delivery) {
        try {
            return Json.MAPPER.readTree(delivery.body()).path("DDBStreamBatchInfo");
        } catch (Exception notJson) {
            throw new AssertionError(delivery.body(), notJson);
        }
    }

    private static void advanceClock(String by) {
        TestSupport.post(cloud, "/_local/clock/advance?by=" + by, "", Map.of());
    }

    @Test
    void givenUpBatch_isDeliveredToTheQueuesConsumer_asLambdasOnFailureRecord() throws Exception {
        // GIVEN a record its stream function fails with no retries
        putFailingRecord("g1");
        await("the on-failure record", () -> !ScriptedQueueHandler.DELIVERIES.isEmpty());

        // THEN the consumer got the on-failure record naming exactly that record
        String sequenceNumber = ScriptedStreamHandler.SEQUENCE_NUMBERS.get("g1");
        Delivery delivery = deliveriesOf(sequenceNumber).get(0);
        JsonNode record = Json.MAPPER.readTree(delivery.body());
        JsonNode batch = record.path("DDBStreamBatchInfo");
        assertEquals(sequenceNumber, batch.path("endSequenceNumber").asText());
        assertEquals(1, batch.path("batchSize").asInt());
        assertFalse(batch.path("shardId").asText().isEmpty());
        assertEquals(
                cloud.dynamo()
                        .describeTable(b -> b.tableName(cloud.tableName("GiveUpTable")))
                        .table()
                        .latestStreamArn(),
                batch.path("streamArn").asText());
        assertEquals(
                "RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
        assertEquals(REDRIVE_QUEUE, delivery.sourceArn());
        assertEquals(1, delivery.receiveCount());
        // a consumed destination is not the dead-letter file's
        assertFalse(
                Files.exists(cloud.deadLetterFile())
                        && Files.readString(cloud.deadLetterFile()).contains("GiveUpFunction"));
    }

    @Test
    void failedMessage_comesBackAfterTheVisibilityTimeout_thenGoesToTheDeadLetterQueue() {
        // GIVEN a consumer that fails every delivery (maxReceiveCount 2, visibility 60 s)
        ScriptedQueueHandler.FAILURES_LEFT.set(Integer.MAX_VALUE);
        putFailingRecord("g2");
        await("the first delivery", () -> !ScriptedQueueHandler.DELIVERIES.isEmpty());
        String sequenceNumber = ScriptedStreamHandler.SEQUENCE_NUMBERS.get("g2");

        // WHEN less than the visibility timeout passes, nothing comes back
        advanceClock("PT30S");
        pause();
        assertEquals(List.of(1), receiveCounts(sequenceNumber));

        // WHEN it passes, the message comes back once
        advanceClock("PT31S");
        await("the second delivery", () -> deliveriesOf(sequenceNumber).size() == 2);
        assertEquals(List.of(1, 2), receiveCounts(sequenceNumber));

        // WHEN it passes again, the message has been received maxReceiveCount times: to the DLQ
        advanceClock("PT61S");
        await("the dead-letter queue", () -> cloud.queueMessages(REDRIVE_DLQ).size() == 1);
        assertEquals(List.of(1, 2), receiveCounts(sequenceNumber));
        assertEquals(List.of(), cloud.queueMessages(REDRIVE_QUEUE));
    }

    private static List<Integer> receiveCounts(String sequenceNumber) {
        return deliveriesOf(sequenceNumber).stream().map(Delivery::receiveCount).toList();
    }

    /** Several poll intervals, to see that nothing happens. */
    private static void pause() {
        try {
            Thread.sleep(StreamPoller.POLL_INTERVAL.toMillis() * 4);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
