package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.Objects;

/** One thing done for the customer on a ticket, in the agent's words. */
public record TicketAction(Instant at, String actorId, String text) {

    public TicketAction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
