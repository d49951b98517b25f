package org.opencrm.template;

/**
 * An event the local cloud does not run (e.g. an IoT rule, or a stream given as a literal ARN).
 *
 * @param reason why it is not run locally, for the start-up log
 */
public record OtherEvent(String functionLogicalId, String eventId, String type, String reason)
        implements FunctionEvent {}
