package org.opencrm.core.health;

import java.time.Instant;

/**
 * What was done with a customer within the activity window: counts per source and the latest touch.
 * Tickets join as one more count (issue 17's tickets), so the rule does not change shape.
 *
 * @param lastAt the latest activity, deal change or ticket, whenever it was; null for none ever
 */
public record Touches(int activities, int deals, int tickets, Instant lastAt) {

    public static final Touches NONE = new Touches(0, 0, 0, null);

    public int total() {
        return activities + deals + tickets;
    }

    /** These with {@code count} more activities, the latest at {@code latest} (null: none). */
    public Touches withActivities(int count, Instant latest) {
        return new Touches(activities + count, deals, tickets, later(lastAt, latest));
    }

    /** These with {@code count} more deals, the latest change at {@code latest} (null: none). */
    public Touches withDeals(int count, Instant latest) {
        return new Touches(activities, deals + count, tickets, later(lastAt, latest));
    }

    /** These with {@code count} more tickets, the latest at {@code latest} (null: none). */
    public Touches withTickets(int count, Instant latest) {
        return new Touches(activities, deals, tickets + count, later(lastAt, latest));
    }

    static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
