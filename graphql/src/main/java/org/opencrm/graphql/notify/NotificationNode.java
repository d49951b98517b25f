package org.opencrm.graphql.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.TrackedNotification;

/**
 * The GraphQL {@code Notification} type's shape: the notification with its channels as read with
 * it, so listing channels costs no further read.
 */
public record NotificationNode(
        String id,
        NotificationKind kind,
        String title,
        String body,
        Map<String, String> payload,
        Instant createdAt,
        boolean read,
        List<Delivery> channels) {

    static NotificationNode of(TrackedNotification tracked) {
        Notification notification = tracked.notification();
        return new NotificationNode(
                notification.id(),
                notification.kind(),
                notification.title(),
                notification.body(),
                notification.payload(),
                notification.createdAt(),
                notification.read(),
                tracked.deliveries());
    }
}
