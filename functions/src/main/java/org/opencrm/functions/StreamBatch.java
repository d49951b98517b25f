package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbRecordTransformer;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The partial-batch-failure loop (Powertools' batch module is not available to us): records are
 * handled in order; the first one that fails is reported by sequence number and the rest are left
 * for redelivery, since the event source mapping restarts from the lowest reported sequence number
 * anyway. Handlers must therefore be idempotent.
 */
final class StreamBatch {

    private static final Logger LOG = Logger.getLogger(StreamBatch.class.getName());

    private StreamBatch() {}

    static StreamsEventResponse process(DynamodbEvent event, Consumer<Record> handler) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                handler.accept(DynamodbRecordTransformer.toRecordV2(record));
            } catch (RuntimeException failure) {
                String sequenceNumber =
                        record.getDynamodb() == null
                                ? null
                                : record.getDynamodb().getSequenceNumber();
                LOG.log(
                        Level.WARNING,
                        "stream record "
                                + record.getEventID()
                                + " (sequence "
                                + sequenceNumber
                                + ") failed; it and the records after it will be redelivered",
                        failure);
                return StreamsEventResponse.builder()
                        .withBatchItemFailures(
                                List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                        .build();
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
