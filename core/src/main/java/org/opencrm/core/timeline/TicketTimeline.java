package org.opencrm.core.timeline;

import org.opencrm.core.access.Caller;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.ticket.TicketEvent;
import org.opencrm.core.ticket.TicketStore;

/**
 * The customer's service tickets (issue 17, R-24): each opening, resolution, reopening and closing,
 * from the {@code ticketEventsByCustomer} partition, one key query, newest first. Whoever may read
 * the customer reads its ticket history here (category, what was said and what fixed it), so a new
 * agent or the customer's rep sees the whole story; the tickets themselves keep their own scope.
 */
public final class TicketTimeline implements TimelineSource {

    public static final String NAME = "ticket";

    private final TicketStore tickets;

    public TicketTimeline(TicketStore tickets) {
        this.tickets = tickets;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Page<TimelineEntry> page(String customerId, PageRequest page, Caller caller) {
        // the timeline is asked for a customer the caller may see (TimelineSource's contract):
        // no second read of the customer, one query of its events
        return tickets.eventsOfCustomer(customerId, page).map(TicketTimeline::entry);
    }

    private static TimelineEntry entry(TicketEvent event) {
        return new TimelineEntry(
                event.at(),
                "TICKET_" + event.kind(),
                "Ticket "
                        + event.kind().name().toLowerCase(java.util.Locale.ROOT)
                        + ": "
                        + String.join(" / ", event.category()),
                event.actorId(),
                event.ticketId(),
                event.detail());
    }
}
