package org.opencrm.core.ticket;

/** Where a service ticket stands (issue 17); {@link TicketRules} says which moves are allowed. */
public enum TicketStatus {
    NEW,
    ASSIGNED,
    /** Waiting for the customer: both SLA clocks are paused. */
    PENDING_CUSTOMER,
    RESOLVED,
    CLOSED,
    REOPENED
}
