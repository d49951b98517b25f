package org.opencrm.core.health;

import java.time.Instant;
import java.util.Iterator;
import org.opencrm.core.store.Pages;
import org.opencrm.core.ticket.TicketEvent;
import org.opencrm.core.ticket.TicketEventKind;
import org.opencrm.core.ticket.TicketStore;

/**
 * A customer's service tickets within the window (R-26 counts tickets as activity): the tickets
 * opened, read from the customer's ticket events (the timeline's partition), newest first, only as
 * far back as the window reaches.
 */
public final class TicketTouches implements TouchSource {

    private final TicketStore tickets;

    public TicketTouches(TicketStore tickets) {
        this.tickets = tickets;
    }

    @Override
    public Touches addTo(Touches touches, String customerId, Instant since) {
        Iterator<TicketEvent> newestFirst =
                Pages.all(100, page -> tickets.eventsOfCustomer(customerId, page))
                        .limit(ActivityTouches.MOST)
                        .iterator();
        Instant latest = null;
        int opened = 0;
        while (newestFirst.hasNext()) {
            TicketEvent event = newestFirst.next();
            latest = latest == null ? event.at() : latest;
            if (event.at().isBefore(since)) {
                break;
            }
            if (event.kind() == TicketEventKind.OPENED) {
                opened++;
            }
        }
        return touches.withTickets(opened, latest);
    }
}
