package org.opencrm.template;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;

/**
 * A {@code DynamoDB} event whose {@code Stream} is {@code !GetAtt <Table>.StreamArn}: an event
 * source mapping from a table's stream to the function.
 *
 * @param tableLogicalId the table whose stream is read
 * @param startingPosition {@code TRIM_HORIZON} or {@code LATEST}
 * @param batchSize most records per invocation (AWS default 100)
 * @param maximumBatchingWindowSeconds how long to gather records before invoking (default 0)
 * @param reportBatchItemFailures whether the handler reports partial failures ({@code
 *     StreamsEventResponse})
 * @param bisectBatchOnFunctionError whether a failed invocation splits the batch in two
 * @param maximumRetryAttempts retries before the batch is given up; -1 means until the records
 *     expire
 * @param maximumRecordAgeSeconds records older than this are not delivered; -1 means no limit
 * @param onFailureDestination the resolved {@code DestinationConfig.OnFailure.Destination}, if any
 * @param enabled {@code Enabled} (default true)
 */
@RecordBuilder
public record StreamSource(
        String functionLogicalId,
        String eventId,
        String tableLogicalId,
        String startingPosition,
        int batchSize,
        int maximumBatchingWindowSeconds,
        boolean reportBatchItemFailures,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        int maximumRecordAgeSeconds,
        Optional<String> onFailureDestination,
        boolean enabled)
        implements FunctionEvent {

    public static final String TYPE = "DynamoDB";
    public static final int UNLIMITED = -1;

    public StreamSource {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    functionLogicalId + "." + eventId + ": BatchSize must be at least 1");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** A new stream source, every component named. */
    public static StreamSourceBuilder builder() {
        return StreamSourceBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public StreamSourceBuilder toBuilder() {
        return StreamSourceBuilder.builder(this);
    }
}
