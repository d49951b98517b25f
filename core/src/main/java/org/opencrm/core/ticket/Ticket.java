package org.opencrm.core.ticket;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import org.opencrm.core.access.Ownership;

/**
 * A service ticket (issue 17, R-24) on a customer's golden record, with its two SLA clocks' due
 * times as last computed.
 *
 * @param version the stored version (0 before the first write); every write adds one
 * @param category the three levels of the ticketTaxonomy leaf, top first
 * @param assigneeId who works it; null while NEW
 * @param team the team of its assignee (of its opener while unassigned): a supervisor's scope
 * @param region the customer's region
 * @param serviceAgentId the customer's service agent when the ticket was last written
 * @param effective whether the resolution worked, when known
 * @param resolutionCount how many times it was resolved: numbers each satisfaction survey
 * @param transitions every status entered and the first response, oldest first
 * @param firstResponseDueAt null once answered or while the clock is paused
 * @param resolutionDueAt null once resolved or while the clock is paused
 * @param breached true once either clock ran past its target; it stays true
 * @param escalateAt when it escalates unless closed; null once escalated or closed
 * @param surveyDueAt when the satisfaction SMS of the latest resolution falls due; null once sent
 */
@RecordBuilder
public record Ticket(
        String id,
        long version,
        String customerId,
        String goldenId,
        TicketChannel channel,
        List<String> category,
        TicketPriority priority,
        TicketStatus status,
        String assigneeId,
        String team,
        String region,
        String serviceAgentId,
        String customerWords,
        List<TicketAction> actions,
        String resolution,
        Boolean effective,
        int resolutionCount,
        List<TicketTransition> transitions,
        Instant firstRespondedAt,
        Instant firstResponseDueAt,
        Instant resolutionDueAt,
        boolean breached,
        Instant escalateAt,
        Instant escalatedAt,
        Instant surveyDueAt,
        Instant resolvedAt,
        Instant closedAt,
        String openedBy,
        Instant createdAt,
        Instant updatedAt) {

    public Ticket {
        category = category == null ? List.of() : List.copyOf(category);
        actions = actions == null ? List.of() : List.copyOf(actions);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
    }

    /** Row scope's view: the assignee owns it, the customer's agent serves it. */
    public Ownership ownership() {
        return new Ownership(assigneeId, team, region, serviceAgentId);
    }

    public static TicketBuilder builder() {
        return TicketBuilder.builder();
    }

    public TicketBuilder toBuilder() {
        return TicketBuilder.builder(this);
    }
}
