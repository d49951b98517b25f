package org.opencrm.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** Enhanced Client mapping of an outbox row; lives only inside the outbox. */
@DynamoDbBean
public class NotificationItem {

    static final String BY_RECIPIENT = "byRecipient";
    static final String BY_DUE = "byDue";
    static final String BY_FAILURE = "byFailure";
    private static final java.time.Duration STREAM_GRACE = java.time.Duration.ofMinutes(2);

    private String id;
    private String recipientId;
    private String kind;
    private String title;
    private String body;
    private Map<String, String> payload;
    private Instant createdAt;
    private Boolean read;
    private String timeKey;
    private Long expiresAt;
    private String dueKey;
    private String dueSortKey;
    // written by the delivery store's conditional updates only, read with the rest of the item
    private String deliveriesJson;
    private Long deliveryVersion;
    private String failedKey;
    private String failedSortKey;

    static NotificationItem from(Notification notification, long expiresAtEpochSecond) {
        NotificationItem item = new NotificationItem();
        item.id = notification.id();
        item.recipientId = notification.recipientId();
        item.kind = notification.kind().name();
        item.title = notification.title();
        item.body = notification.body();
        item.payload = notification.payload();
        item.createdAt = notification.createdAt();
        item.read = notification.read();
        item.timeKey = Keys.auditTime(notification.createdAt(), notification.id());
        item.expiresAt = expiresAtEpochSecond;
        // a backstop: should the stream never deliver it, the re-drive finds it unplanned a little
        // later
        item.dueKey = Keys.deliveryDue(notification.id());
        item.dueSortKey =
                Keys.listKey(notification.createdAt().plus(STREAM_GRACE), notification.id());
        return item;
    }

    Notification toNotification() {
        return new Notification(
                id,
                recipientId,
                NotificationKind.valueOf(kind),
                title,
                body,
                payload == null ? Map.of() : payload,
                createdAt,
                Boolean.TRUE.equals(read));
    }

    /** The notification with its deliveries as they stand (none and version 0 before a plan). */
    TrackedNotification toTracked() {
        return new TrackedNotification(
                toNotification(),
                deliveriesJson == null ? List.of() : DeliveryStore.deliveriesFrom(deliveriesJson),
                deliveryVersion == null ? 0 : deliveryVersion);
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_RECIPIENT)
    public String getRecipientId() {
        return recipientId;
    }

    public void setRecipientId(String recipientId) {
        this.recipientId = recipientId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public Map<String, String> getPayload() {
        return payload;
    }

    public void setPayload(Map<String, String> payload) {
        this.payload = payload;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Boolean getRead() {
        return read;
    }

    public void setRead(Boolean read) {
        this.read = read;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_RECIPIENT)
    public String getTimeKey() {
        return timeKey;
    }

    public void setTimeKey(String timeKey) {
        this.timeKey = timeKey;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_DUE)
    public String getDueKey() {
        return dueKey;
    }

    public void setDueKey(String dueKey) {
        this.dueKey = dueKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_DUE)
    public String getDueSortKey() {
        return dueSortKey;
    }

    public void setDueSortKey(String dueSortKey) {
        this.dueSortKey = dueSortKey;
    }

    public String getDeliveriesJson() {
        return deliveriesJson;
    }

    public void setDeliveriesJson(String deliveriesJson) {
        this.deliveriesJson = deliveriesJson;
    }

    public Long getDeliveryVersion() {
        return deliveryVersion;
    }

    public void setDeliveryVersion(Long deliveryVersion) {
        this.deliveryVersion = deliveryVersion;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_FAILURE)
    public String getFailedKey() {
        return failedKey;
    }

    public void setFailedKey(String failedKey) {
        this.failedKey = failedKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_FAILURE)
    public String getFailedSortKey() {
        return failedSortKey;
    }

    public void setFailedSortKey(String failedSortKey) {
        this.failedSortKey = failedSortKey;
    }
}
