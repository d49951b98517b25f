package org.opencrm.core.ticket;

import java.util.List;

/**
 * What {@code openTicket} is given.
 *
 * @param customerId the customer's id, or the golden id other systems know it by
 * @param category three levels of the ticketTaxonomy, top first
 * @param priority null: P3
 */
public record TicketInput(
        String customerId,
        TicketChannel channel,
        List<String> category,
        TicketPriority priority,
        String customerWords) {}
