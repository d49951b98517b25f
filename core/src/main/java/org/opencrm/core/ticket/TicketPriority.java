package org.opencrm.core.ticket;

/** How urgent a ticket is: P1 the most urgent; slaPolicy gives each its targets. */
public enum TicketPriority {
    P1,
    P2,
    P3,
    P4
}
