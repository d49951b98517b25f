package org.opencrm.core.notify;

import java.util.List;

/**
 * The app's badge, bounded: unread notifications among the recipient's newest {@value #WINDOW}, and
 * whether the recipient has older ones that were not looked at ({@code capped}), so a client can
 * show "100+" or a hint rather than a number that looks exact.
 *
 * <p>Bounded rather than a maintained counter: notifications expire by TTL (unread or not), which a
 * counter would never hear of, and the count stays right for items written before it existed.
 */
public record UnreadCount(int count, boolean capped) {

    public static final int WINDOW = 100;

    /**
     * From the read flags of the newest notifications, newest first (the query may return one past
     * the window), and whether the query stopped before the end of the inbox.
     */
    public static UnreadCount of(List<Boolean> readFlagsNewestFirst, boolean cutShort) {
        List<Boolean> window =
                readFlagsNewestFirst.subList(0, Math.min(WINDOW, readFlagsNewestFirst.size()));
        int unread = (int) window.stream().filter(read -> !read).count();
        boolean olderExist = readFlagsNewestFirst.size() > WINDOW || cutShort;
        return new UnreadCount(unread, olderExist);
    }
}
