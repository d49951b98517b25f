package org.opencrm.infra.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.infra.TestSupport.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.fixtures.ScriptedStreamHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The stream pollers against DynamoDB Local's real streams, with the scripted fixture handler. */
class StreamPollerTest {

    private static LocalCloud cloud;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(TestSupport.FIXTURE_TEMPLATE));
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    /**
     * Writes one item per id, one request after the other, so the stream holds them in this order.
     */
    private static void put(String tableLogicalId, Map<String, String> behaviourById) {
        behaviourById.forEach(
                (id, behaviour) ->
                        cloud.dynamo()
                                .putItem(
                                        b ->
                                                b.tableName(cloud.tableName(tableLogicalId))
                                                        .item(
                                                                Map.of(
                                                                        "id",
                                                                        AttributeValue.fromS(id),
                                                                        "behaviour",
                                                                        AttributeValue.fromS(
                                                                                behaviour)))));
    }

    private static Map<String, String> ordered(String... idBehaviourPairs) {
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        for (int i = 0; i < idBehaviourPairs.length; i += 2) {
            ordered.put(idBehaviourPairs[i], idBehaviourPairs[i + 1]);
        }
        return ordered;
    }

    private static List<String> delivered(String function) {
        return ScriptedStreamHandler.batchesOf(function).stream().flatMap(List::stream).toList();
    }

    private static List<JsonNode> deadLettersOf(String function) throws Exception {
        JsonNode all =
                TestSupport.json(
                        TestSupport.send(TestSupport.request(cloud, "/_local/dead-letters").GET()));
        return StreamSupport.stream(all.spliterator(), false)
                .filter(letter -> letter.get("function").asText().equals(function))
                .toList();
    }

    @Test
    void anIdleMapping_backsOffFromLambdasRate_toOncePerSecond_whileIdleRoundsAreCheap() {
        Duration cheap = Duration.ofMillis(2);

        assertEquals(Duration.ofMillis(250), StreamPoller.nextDelay(0, cheap));
        assertEquals(Duration.ofMillis(500), StreamPoller.nextDelay(1, cheap));
        assertEquals(Duration.ofSeconds(1), StreamPoller.nextDelay(2, cheap));
        assertEquals(Duration.ofSeconds(1), StreamPoller.nextDelay(Integer.MAX_VALUE, cheap));
    }

    @Test
    void anIdleMapping_waitsFiftyTimesItsLastRound_whenRoundsAreSlow_butAtMostFifteenSeconds() {
        assertEquals(Duration.ofSeconds(10), StreamPoller.nextDelay(3, Duration.ofMillis(200)));
        assertEquals(Duration.ofSeconds(15), StreamPoller.nextDelay(3, Duration.ofSeconds(5)));
        assertEquals(
                Duration.ofMillis(250),
                StreamPoller.nextDelay(0, Duration.ofSeconds(5)),
                "a round that found records is followed at Lambda's rate");
    }

    @Test
    void aRecordWrittenAfterAnIdleStretch_isStillDelivered() throws Exception {
        put("OrderTable", Map.of("idle-1", "ok"));
        await("the first record", () -> delivered("OrderFunction").contains("idle-1"));
        Thread.sleep(3 * StreamPoller.IDLE_POLL_INTERVAL.toMillis());

        put("OrderTable", Map.of("idle-2", "ok"));

        await(
                "the record after the idle stretch",
                () -> delivered("OrderFunction").contains("idle-2"));
        assertEquals(1, delivered("OrderFunction").stream().filter("idle-2"::equals).count());
    }

    @Test
    void poller_deliversShardRecordsInOrder_andDoesNotRedeliverASuccessfulBatch() throws Exception {
        List<String> ids =
                java.util.stream.IntStream.rangeClosed(1, 25).mapToObj(i -> "o" + i).toList();
        ids.forEach(id -> put("OrderTable", Map.of(id, "ok")));

        await("all 25 records delivered", () -> delivered("OrderFunction").size() >= ids.size());
        Thread.sleep(1500);

        assertEquals(ids, delivered("OrderFunction"));
        assertTrue(
                ScriptedStreamHandler.batchesOf("OrderFunction").stream()
                        .allMatch(batch -> batch.size() <= 10),
                "no batch exceeds BatchSize 10");
    }

    @Test
    void poller_redeliversFromLowestFailedSequence_whenHandlerReportsPartialFailure() {
        put(
                "PartialTable",
                ordered("p1", "ok", "p2", "fail-once", "p3", "ok", "p4", "fail-once", "p5", "ok"));

        await(
                "the redelivery",
                () -> ScriptedStreamHandler.batchesOf("PartialFunction").size() >= 2);

        assertEquals(
                List.of(List.of("p1", "p2", "p3", "p4", "p5"), List.of("p2", "p3", "p4", "p5")),
                ScriptedStreamHandler.batchesOf("PartialFunction"));
    }

    @Test
    void poller_redeliversTheWholeBatch_whenHandlerReportsAFailureWithoutIdentifier() {
        put("NullIdTable", ordered("n1", "ok", "n2", "fail-null-once", "n3", "ok"));

        await(
                "the redelivery",
                () -> ScriptedStreamHandler.batchesOf("NullIdFunction").size() >= 2);

        assertEquals(
                List.of(List.of("n1", "n2", "n3"), List.of("n1", "n2", "n3")),
                ScriptedStreamHandler.batchesOf("NullIdFunction"));
    }

    @Test
    void poller_retriesUpToMaximumRetryAttempts_thenDeadLettersTheBatch_andMovesOn()
            throws Exception {
        put("RetryTable", ordered("r1", "ok", "r2", "fail-always", "r3", "ok"));

        await(
                "the dead letter",
                () -> {
                    try {
                        return !deadLettersOf("RetryFunction").isEmpty();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        put("RetryTable", ordered("r4", "ok"));
        await("the next record", () -> delivered("RetryFunction").contains("r4"));

        // one attempt and two retries (MaximumRetryAttempts: 2), each from r2, then past the batch
        assertEquals(
                List.of(
                        List.of("r1", "r2", "r3"),
                        List.of("r2", "r3"),
                        List.of("r2", "r3"),
                        List.of("r4")),
                ScriptedStreamHandler.batchesOf("RetryFunction"));
        JsonNode letter = deadLettersOf("RetryFunction").get(0);
        assertEquals(
                ScriptedStreamHandler.SEQUENCE_NUMBERS.get("r2"),
                letter.get("firstSequenceNumber").asText());
        assertEquals(
                ScriptedStreamHandler.SEQUENCE_NUMBERS.get("r3"),
                letter.get("lastSequenceNumber").asText());
        assertEquals(2, letter.get("records").size());
        assertEquals(
                "arn:aws:sqs:cn-north-1:123456789012:fixture-test-dlq",
                letter.get("destination").asText());
        assertTrue(
                java.nio.file.Files.readString(cloud.deadLetterFile()).contains("RetryFunction"));
    }

    @Test
    void poller_bisectsTheBatchOnFunctionError_untilThePoisonedRecordIsAloneAndDeadLettered()
            throws Exception {
        put("BisectTable", ordered("b1", "ok", "b2", "ok", "b3", "throw", "b4", "ok"));

        await(
                "b4 delivered after the poisoned record",
                () -> {
                    List<List<String>> batches = ScriptedStreamHandler.batchesOf("BisectFunction");
                    return !batches.isEmpty()
                            && batches.get(batches.size() - 1).equals(List.of("b4"));
                });

        assertEquals(
                List.of(
                        List.of("b1", "b2", "b3", "b4"), // throws: split in two
                        List.of("b1", "b2"), // succeeds
                        List.of("b3", "b4"), // throws: split again
                        List.of("b3"), // throws: first attempt of a single record
                        List.of("b3"), // throws: the one retry (MaximumRetryAttempts: 1)
                        List.of("b4")),
                ScriptedStreamHandler.batchesOf("BisectFunction"));
        List<JsonNode> letters = deadLettersOf("BisectFunction");
        assertEquals(1, letters.size());
        assertEquals(1, letters.get(0).get("batchSize").asInt());
        assertEquals(
                ScriptedStreamHandler.SEQUENCE_NUMBERS.get("b3"),
                letters.get(0).get("firstSequenceNumber").asText());
    }
}
