package org.opencrm.template;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;

/**
 * An {@code SQS} event whose {@code Queue} is {@code !GetAtt <Queue>.Arn}: an event source mapping
 * from a queue of the template to the function, with the queue's own redelivery settings.
 *
 * @param queueArn the queue's resolved ARN, as stream mappings name it in {@code OnFailure}
 * @param batchSize most messages per invocation (AWS default 10)
 * @param reportBatchItemFailures whether the handler reports failed messages ({@code
 *     SQSBatchResponse})
 * @param visibilityTimeoutSeconds the queue's {@code VisibilityTimeout} (default 30): how long a
 *     received message stays hidden before it is delivered again
 * @param maxReceiveCount the queue's {@code RedrivePolicy.maxReceiveCount}, if it has one
 * @param deadLetterQueueArn the queue's {@code RedrivePolicy.deadLetterTargetArn}, if it has one
 * @param enabled {@code Enabled} (default true)
 */
@RecordBuilder
public record SqsSource(
        String functionLogicalId,
        String eventId,
        String queueLogicalId,
        String queueArn,
        int batchSize,
        boolean reportBatchItemFailures,
        int visibilityTimeoutSeconds,
        Optional<Integer> maxReceiveCount,
        Optional<String> deadLetterQueueArn,
        boolean enabled)
        implements FunctionEvent {

    public static final String TYPE = "SQS";

    @Override
    public String type() {
        return TYPE;
    }

    /** A new queue source, every component named. */
    public static SqsSourceBuilder builder() {
        return SqsSourceBuilder.builder();
    }
}
