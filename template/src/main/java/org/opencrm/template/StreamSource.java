package org.opencrm.template;

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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .functionLogicalId(functionLogicalId)
                .eventId(eventId)
                .tableLogicalId(tableLogicalId)
                .startingPosition(startingPosition)
                .batchSize(batchSize)
                .maximumBatchingWindowSeconds(maximumBatchingWindowSeconds)
                .reportBatchItemFailures(reportBatchItemFailures)
                .bisectBatchOnFunctionError(bisectBatchOnFunctionError)
                .maximumRetryAttempts(maximumRetryAttempts)
                .maximumRecordAgeSeconds(maximumRecordAgeSeconds)
                .onFailureDestination(onFailureDestination)
                .enabled(enabled);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String functionLogicalId;
        private String eventId;
        private String tableLogicalId;
        private String startingPosition;
        private int batchSize;
        private int maximumBatchingWindowSeconds;
        private boolean reportBatchItemFailures;
        private boolean bisectBatchOnFunctionError;
        private int maximumRetryAttempts;
        private int maximumRecordAgeSeconds;
        private Optional<String> onFailureDestination;
        private boolean enabled;

        private Builder() {}

        public Builder functionLogicalId(String value) {
            this.functionLogicalId = value;
            return this;
        }

        public Builder eventId(String value) {
            this.eventId = value;
            return this;
        }

        public Builder tableLogicalId(String value) {
            this.tableLogicalId = value;
            return this;
        }

        public Builder startingPosition(String value) {
            this.startingPosition = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder maximumBatchingWindowSeconds(int value) {
            this.maximumBatchingWindowSeconds = value;
            return this;
        }

        public Builder reportBatchItemFailures(boolean value) {
            this.reportBatchItemFailures = value;
            return this;
        }

        public Builder bisectBatchOnFunctionError(boolean value) {
            this.bisectBatchOnFunctionError = value;
            return this;
        }

        public Builder maximumRetryAttempts(int value) {
            this.maximumRetryAttempts = value;
            return this;
        }

        public Builder maximumRecordAgeSeconds(int value) {
            this.maximumRecordAgeSeconds = value;
            return this;
        }

        public Builder onFailureDestination(Optional<String> value) {
            this.onFailureDestination = value;
            return this;
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public StreamSource build() {
            return new StreamSource(
                    functionLogicalId,
                    eventId,
                    tableLogicalId,
                    startingPosition,
                    batchSize,
                    maximumBatchingWindowSeconds,
                    reportBatchItemFailures,
                    bisectBatchOnFunctionError,
                    maximumRetryAttempts,
                    maximumRecordAgeSeconds,
                    onFailureDestination,
                    enabled);
        }
    }
}
