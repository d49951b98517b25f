package org.opencrm.core.notify;

import java.util.List;

/** A notification with its deliveries and their version (0 before any plan). */
public record TrackedNotification(
        Notification notification, List<Delivery> deliveries, long version) {

    public TrackedNotification {
        deliveries = List.copyOf(deliveries);
    }
}
