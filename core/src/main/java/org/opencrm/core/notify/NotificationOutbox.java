package org.opencrm.core.notify;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The notifications outbox: parts of the backend that want to tell someone write here; the in-app
 * inbox reads it. Writes are conditional on the cause-derived id, so a cause processed twice
 * notifies once.
 */
public final class NotificationOutbox {

    private static final Expression UNREAD =
            Expression.builder()
                    .expression("#read = :false")
                    .putExpressionName("#read", "read")
                    .putExpressionValue(":false", AttributeValue.fromBool(false))
                    .build();
    // old notifications are cleaned up, never relied on for timing
    private static final Duration KEEP = Duration.ofDays(90);

    private final Supplier<DynamoDbTable<NotificationItem>> table;
    private final ShardedIndexQuery<NotificationItem> byRecipient;

    public NotificationOutbox(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.table = ItemTables.lazy(enhanced, tables.notifications(), NotificationItem.class);
        this.byRecipient =
                new ShardedIndexQuery<>(
                        ItemTables.index(table, NotificationItem.BY_RECIPIENT),
                        NotificationItem::getTimeKey);
    }

    /** True when this call wrote it; false when the same cause already notified this recipient. */
    public boolean send(Notification notification) {
        long expiresAt = notification.createdAt().plus(KEEP).getEpochSecond();
        try {
            table.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(NotificationItem.class)
                                    .item(NotificationItem.from(notification, expiresAt))
                                    .conditionExpression(ItemTables.NEW_ID)
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadySent) {
            return false;
        }
    }

    /** Newest first. */
    public Page<Notification> inbox(String recipientId, boolean unreadOnly, PageRequest page) {
        return trackedInbox(recipientId, unreadOnly, page).map(TrackedNotification::notification);
    }

    /**
     * Newest first, each with its deliveries as they stand: the index holds the whole item, so
     * showing the channels costs no further read.
     */
    public Page<TrackedNotification> trackedInbox(
            String recipientId, boolean unreadOnly, PageRequest page) {
        return byRecipient
                .page(List.of(recipientId), page, unreadOnly ? UNREAD : null)
                .map(NotificationItem::toTracked);
    }
}
