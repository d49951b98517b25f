package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One moment of a ticket on its customer's timeline, written with the ticket version that made it.
 *
 * @param detail the customer's words when opened, the resolution when resolved
 */
public record TicketEvent(
        String ticketId,
        long ticketVersion,
        String customerId,
        TicketEventKind kind,
        List<String> category,
        Instant at,
        String actorId,
        String detail) {

    public TicketEvent {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        category = List.copyOf(category);
    }
}
