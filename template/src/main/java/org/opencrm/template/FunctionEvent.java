package org.opencrm.template;

/**
 * One entry of a function's {@code Events}: what makes the platform invoke it. The local cloud runs
 * the kinds it knows ({@link HttpApiRoute}, {@link StreamSource}, {@link ScheduleSource}, {@link
 * SqsSource}, {@link S3Source}) and reports the rest as {@link OtherEvent}.
 */
public sealed interface FunctionEvent
        permits HttpApiRoute, StreamSource, ScheduleSource, SqsSource, S3Source, OtherEvent {

    /** Logical id of the {@code AWS::Serverless::Function} the event belongs to. */
    String functionLogicalId();

    /** The event's key under {@code Events}. */
    String eventId();

    /** The SAM event {@code Type}, e.g. {@code HttpApi}, {@code DynamoDB}, {@code Schedule}. */
    String type();
}
