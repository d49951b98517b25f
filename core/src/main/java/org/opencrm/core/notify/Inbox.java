package org.opencrm.core.notify;

import java.util.List;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * A user's in-app inbox as the API sees it: their notifications with each channel's status, the
 * unread badge, and marking read. Always the caller's own; the stores stay behind it.
 */
public final class Inbox {

    private final NotificationOutbox outbox;
    private final DeliveryStore deliveries;

    public Inbox(NotificationOutbox outbox, DeliveryStore deliveries) {
        this.outbox = outbox;
        this.deliveries = deliveries;
    }

    /** Newest first, with the channels the inbox read already carries. */
    public Page<TrackedNotification> page(
            String recipientId, boolean unreadOnly, PageRequest request) {
        return outbox.trackedInbox(recipientId, unreadOnly, request);
    }

    public UnreadCount unreadCount(String recipientId) {
        return deliveries.unreadCount(recipientId);
    }

    /** How many of {@code ids} turned from unread to read. */
    public int markRead(String recipientId, List<String> ids) {
        return deliveries.markRead(recipientId, ids);
    }
}
