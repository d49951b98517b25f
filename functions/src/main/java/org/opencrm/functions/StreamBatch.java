package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbRecordTransformer;
import java.util.List;
import java.util.function.Consumer;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The partial-batch-failure loop (Powertools' batch module is not available to us): records are
 * handled in order; the first one that fails is reported by sequence number and the rest are left
 * for redelivery, since the event source mapping restarts from the lowest reported sequence number
 * anyway. Handlers must therefore be idempotent. Each batch writes one log line (records, handled,
 * failures) through {@link Telemetry}.
 */
final class StreamBatch {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBatch.class);

    private StreamBatch() {}

    /** What one pass over the batch did. */
    private record Pass(StreamsEventResponse response, int records, int handled) {}

    static StreamsEventResponse process(
            String function, DynamodbEvent event, Context context, Consumer<Record> handler) {
        return Telemetry.observe(
                        WorkUnit.streamBatch(function),
                        context,
                        () -> pass(event, handler),
                        pass ->
                                WorkOutcome.ofBatch(
                                        pass.records(),
                                        pass.handled(),
                                        pass.response().getBatchItemFailures().size()))
                .response();
    }

    private static Pass pass(DynamodbEvent event, Consumer<Record> handler) {
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        int handled = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                handler.accept(DynamodbRecordTransformer.toRecordV2(record));
            } catch (RuntimeException failure) {
                return new Pass(failed(record, failure), records.size(), handled);
            }
            handled++;
        }
        return new Pass(
                StreamsEventResponse.builder().withBatchItemFailures(List.of()).build(),
                records.size(),
                handled);
    }

    private static StreamsEventResponse failed(
            DynamodbEvent.DynamodbStreamRecord record, RuntimeException failure) {
        String sequenceNumber =
                record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
        LOG.warn(
                "stream record failed; it and the records after it will be redelivered",
                StructuredArguments.entry("eventId", record.getEventID()),
                StructuredArguments.entry("sequenceNumber", sequenceNumber),
                failure);
        return StreamsEventResponse.builder()
                .withBatchItemFailures(
                        List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)))
                .build();
    }
}
