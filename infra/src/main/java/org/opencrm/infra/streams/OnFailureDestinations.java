package org.opencrm.infra.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.opencrm.infra.Json;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.streams.DeadLetterSink.DeadLetter;

/**
 * Where stream mappings' given-up batches go. A destination that is a queue some function consumes
 * (an {@code SQS} event of the template) gets Lambda's on-failure record, the JSON AWS sends, and
 * its consumer is invoked with it; any other destination is stood in for by the dead-letter file.
 */
public final class OnFailureDestinations {

    private final Map<String, LocalQueue> consumedQueuesByArn;
    private final DeadLetterSink unconsumed;

    public OnFailureDestinations(
            Map<String, LocalQueue> consumedQueuesByArn, DeadLetterSink unconsumed) {
        this.consumedQueuesByArn = Map.copyOf(consumedQueuesByArn);
        this.unconsumed = unconsumed;
    }

    /** Whether a destination is delivered to a function rather than written to the file. */
    public boolean isConsumed(String destination) {
        return consumedQueuesByArn.containsKey(destination);
    }

    public void send(DeadLetter letter) {
        LocalQueue queue = consumedQueuesByArn.get(letter.destination());
        if (queue == null) {
            unconsumed.append(letter);
            return;
        }
        queue.send(onFailureRecord(letter));
    }

    /** The invocation record Lambda sends to an SQS on-failure destination for a stream batch. */
    static String onFailureRecord(DeadLetter letter) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put(
                "functionArn",
                "arn:aws:lambda:"
                        + LocalAws.REGION
                        + ":"
                        + LocalAws.ACCOUNT_ID
                        + ":function:"
                        + letter.function());
        request.put("condition", letter.condition());
        request.put("approximateInvokeCount", 1);
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        response.put("functionError", "Unhandled");
        record.put("version", "1.0");
        record.put("timestamp", letter.recordedAt());
        ObjectNode batch = record.putObject("DDBStreamBatchInfo");
        batch.put("shardId", letter.shardId());
        batch.put("startSequenceNumber", letter.firstSequenceNumber());
        batch.put("endSequenceNumber", letter.lastSequenceNumber());
        batch.put("approximateArrivalOfFirstRecord", letter.firstArrival());
        batch.put("approximateArrivalOfLastRecord", letter.lastArrival());
        batch.put("batchSize", letter.batchSize());
        batch.put("streamArn", letter.streamArn());
        return record.toString();
    }
}
