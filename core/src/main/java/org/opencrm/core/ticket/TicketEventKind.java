package org.opencrm.core.ticket;

/** What the customer's timeline shows of a ticket. */
public enum TicketEventKind {
    OPENED,
    RESOLVED,
    REOPENED,
    CLOSED
}
