package org.opencrm.core.notify;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a person must be told. {@code id} is derived from the cause and the recipient, so
 * writing the same cause twice leaves one notification.
 */
public record Notification(
        String id,
        String recipientId,
        NotificationKind kind,
        String title,
        String body,
        Map<String, String> payload,
        Instant createdAt,
        boolean read) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        payload = Map.copyOf(payload);
    }

    /** The notification of {@code cause} for {@code recipientId}; the id makes it once-only. */
    public static Notification of(
            String cause,
            String recipientId,
            NotificationKind kind,
            String title,
            String body,
            Map<String, String> payload,
            Instant at) {
        return new Notification(
                kind + "#" + cause + "#" + recipientId,
                recipientId,
                kind,
                title,
                body,
                payload,
                at,
                false);
    }
}
