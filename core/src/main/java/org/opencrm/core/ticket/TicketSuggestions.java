package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.List;

/**
 * What ticketSuggestions offers an agent: the category's standard answer and what fixed the latest
 * tickets of the same category (their resolutions only: other customers' words stay with them).
 *
 * @param standardAnswer the ticketTaxonomy leaf's answer; null when it has none
 */
public record TicketSuggestions(
        String ticketId, List<String> category, String standardAnswer, List<Resolved> resolved) {

    public TicketSuggestions {
        category = List.copyOf(category);
        resolved = List.copyOf(resolved);
    }

    /** One resolved ticket of the category and what fixed it. */
    public record Resolved(
            String ticketId, String resolution, Boolean effective, Instant resolvedAt) {

        static Resolved of(Ticket ticket) {
            return new Resolved(
                    ticket.id(), ticket.resolution(), ticket.effective(), ticket.resolvedAt());
        }
    }
}
