package org.opencrm.core.ticket;

/** How the customer reached the service desk. */
public enum TicketChannel {
    CALL,
    CHAT,
    EMAIL,
    WECOM,
    MINI_PROGRAM
}
