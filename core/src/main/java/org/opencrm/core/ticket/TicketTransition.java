package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket entering a status, or its first response: the history its SLA clocks are replayed from
 * (so a clock is never stored half-computed).
 *
 * @param status the status entered; null for the first response, which changes no status
 */
public record TicketTransition(TicketStatus status, Instant at) {

    public TicketTransition {
        Objects.requireNonNull(at, "at");
    }

    public static TicketTransition firstResponse(Instant at) {
        return new TicketTransition(null, at);
    }

    public boolean isFirstResponse() {
        return status == null;
    }
}
