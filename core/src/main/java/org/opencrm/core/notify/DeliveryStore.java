package org.opencrm.core.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The delivery state kept on each notification item: every channel's status, and a version every
 * change is conditional on, so two dispatchers (a redelivered stream batch, the retry schedule)
 * never both claim one attempt. Sparse index keys list the items with a delivery due ({@code
 * byDue}) and those with a failure ({@code byFailure}).
 */
public final class DeliveryStore {

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<NotificationItem>> items;
    private final ShardedIndexQuery<NotificationItem> byDue;
    private final ShardedIndexQuery<NotificationItem> byFailure;
    private final String table;

    public DeliveryStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.notifications();
        // a thin mapper over the same client, built once with the store
        this.enhanced = DynamoClients.enhanced(dynamo);
        this.items = ItemTables.lazy(enhanced, table, NotificationItem.class);
        this.byDue =
                new ShardedIndexQuery<>(
                        ItemTables.index(items, NotificationItem.BY_DUE),
                        NotificationItem::getDueSortKey,
                        true);
        this.byFailure =
                new ShardedIndexQuery<>(
                        ItemTables.index(items, NotificationItem.BY_FAILURE),
                        NotificationItem::getFailedSortKey);
    }

    public Optional<TrackedNotification> find(String id) {
        return ItemTables.latest(items.get(), id).map(NotificationItem::toTracked);
    }

    /** The notifications of these ids that exist, by id: one BatchGetItem per 100 ids. */
    public Map<String, TrackedNotification> findAll(Collection<String> ids) {
        List<Key> keys = ids.stream().map(id -> Key.builder().partitionValue(id).build()).toList();
        Map<String, TrackedNotification> found = new HashMap<>();
        for (NotificationItem item : BatchGet.items(enhanced, items.get(), keys)) {
            found.put(item.getId(), item.toTracked());
        }
        return found;
    }

    /**
     * Writes the deliveries if nobody changed them since {@code expectedVersion}; false when
     * somebody did.
     */
    public boolean save(String id, long expectedVersion, List<Delivery> deliveries) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":deliveries", AttributeValue.fromS(write(deliveries)));
        values.put(":next", AttributeValue.fromN(Long.toString(expectedVersion + 1)));
        StringBuilder set =
                new StringBuilder("SET deliveriesJson = :deliveries, deliveryVersion = :next");
        List<String> remove = new ArrayList<>();
        Optional<Instant> due =
                deliveries.stream()
                        .map(DeliveryStore::dueAt)
                        .filter(Objects::nonNull)
                        .min(Comparator.naturalOrder());
        keys(
                due.map(at -> Keys.listKey(at, id)).orElse(null),
                "dueKey",
                "dueSortKey",
                Keys.deliveryDue(id),
                set,
                remove,
                values);
        Optional<Instant> failed =
                deliveries.stream()
                        .filter(d -> d.status() == Delivery.Status.FAILED)
                        .map(d -> d.lastAttemptAt() == null ? Instant.EPOCH : d.lastAttemptAt())
                        .max(Comparator.naturalOrder());
        keys(
                failed.map(at -> Keys.listKey(at, id)).orElse(null),
                "failedKey",
                "failedSortKey",
                Keys.deliveryFailed(id),
                set,
                remove,
                values);
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        try {
            dynamo.updateItem(
                    request ->
                            request.tableName(table)
                                    .key(Map.of("id", AttributeValue.fromS(id)))
                                    .updateExpression(update)
                                    .conditionExpression(
                                            expectedVersion == 0
                                                    ? "attribute_exists(id) AND attribute_not_exists(deliveryVersion)"
                                                    : "deliveryVersion = :expected")
                                    .expressionAttributeValues(
                                            expectedVersion == 0
                                                    ? without(values, ":expected")
                                                    : values));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    public static final int MAX_MARKED = 100;

    /**
     * Marks the recipient's own notifications read; others' ids are passed over. Returns how many
     * changed.
     */
    public int markRead(String recipientId, List<String> ids) {
        if (ids.size() > MAX_MARKED || ids.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new org.opencrm.core.error.ValidationException(
                    new org.opencrm.core.error.FieldProblem(
                            "ids",
                            "ids",
                            "must be 1 to "
                                    + MAX_MARKED
                                    + " notification ids, none blank, got "
                                    + ids.size(),
                            MAX_MARKED));
        }
        int changed = 0;
        for (String id : ids) {
            try {
                dynamo.updateItem(
                        request ->
                                request.tableName(table)
                                        .key(Map.of("id", AttributeValue.fromS(id)))
                                        .updateExpression("SET #read = :true")
                                        .conditionExpression("recipientId = :me AND #read = :false")
                                        .expressionAttributeNames(Map.of("#read", "read"))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":me",
                                                        AttributeValue.fromS(recipientId),
                                                        ":true",
                                                        AttributeValue.fromBool(true),
                                                        ":false",
                                                        AttributeValue.fromBool(false))));
                changed++;
            } catch (ConditionalCheckFailedException notMineOrAlreadyRead) {
                // nothing to do
            }
        }
        return changed;
    }

    /**
     * The badge: unread among the recipient's newest {@value UnreadCount#WINDOW} notifications, and
     * whether older ones exist that were not looked at. One query of at most one item more than the
     * window, whatever the inbox holds.
     */
    public UnreadCount unreadCount(String recipientId) {
        QueryResponse newest =
                dynamo.query(
                        request ->
                                request.tableName(table)
                                        .indexName(NotificationItem.BY_RECIPIENT)
                                        .keyConditionExpression("recipientId = :me")
                                        .expressionAttributeValues(
                                                Map.of(":me", AttributeValue.fromS(recipientId)))
                                        .projectionExpression("#read")
                                        .expressionAttributeNames(Map.of("#read", "read"))
                                        .scanIndexForward(false)
                                        // one past the window tells whether older ones exist
                                        .limit(UnreadCount.WINDOW + 1));
        List<Boolean> readFlags =
                newest.items().stream()
                        .map(item -> item.containsKey("read") && item.get("read").bool())
                        .toList();
        boolean cutShort = newest.hasLastEvaluatedKey() && !newest.lastEvaluatedKey().isEmpty();
        return UnreadCount.of(readFlags, cutShort);
    }

    /**
     * Ids of notifications with a delivery due at or before {@code now}, oldest first across all
     * shards, at most {@code limit}.
     */
    public List<String> due(Instant now, int limit) {
        return byDue
                .first(
                        Keys.deliveryDueShards(),
                        new ShardedIndexQuery.SortRange(null, Keys.listKeyUpTo(now)),
                        limit)
                .stream()
                .map(NotificationItem::getId)
                .toList();
    }

    /**
     * Ids of notifications with a failed delivery between two instants, newest failure first across
     * all shards.
     */
    public List<String> failures(Instant from, Instant to, int limit) {
        return byFailure
                .first(
                        Keys.deliveryFailedShards(),
                        new ShardedIndexQuery.SortRange(
                                Keys.listKeyFrom(from), Keys.listKeyUpTo(to)),
                        limit)
                .stream()
                .map(NotificationItem::getId)
                .toList();
    }

    /**
     * When a delivery next wants attention: now when new, its retry time when failed, its lease's
     * end when claimed.
     */
    private static Instant dueAt(Delivery delivery) {
        return switch (delivery.status()) {
            case PENDING ->
                    delivery.nextAttemptAt() == null ? Instant.EPOCH : delivery.nextAttemptAt();
            case FAILED -> delivery.nextAttemptAt();
            case SENDING -> delivery.lastAttemptAt().plus(Delivery.LEASE);
            case SENT -> null;
        };
    }

    private static void keys(
            String sortKey,
            String partitionName,
            String sortName,
            String partition,
            StringBuilder set,
            List<String> remove,
            Map<String, AttributeValue> values) {
        if (sortKey == null) {
            remove.add(partitionName);
            remove.add(sortName);
            return;
        }
        set.append(", ")
                .append(partitionName)
                .append(" = :")
                .append(partitionName)
                .append(", ")
                .append(sortName)
                .append(" = :")
                .append(sortName);
        values.put(":" + partitionName, AttributeValue.fromS(partition));
        values.put(":" + sortName, AttributeValue.fromS(sortKey));
    }

    private static Map<String, AttributeValue> without(
            Map<String, AttributeValue> values, String key) {
        Map<String, AttributeValue> copy = new HashMap<>(values);
        copy.remove(key);
        return copy;
    }

    private static String write(List<Delivery> deliveries) {
        return JsonText.write(
                deliveries.stream()
                        .map(
                                d -> {
                                    Map<String, Object> map = new LinkedHashMap<>();
                                    map.put("channel", d.channel());
                                    map.put("status", d.status().name());
                                    map.put("attempts", d.attempts());
                                    map.put(
                                            "lastAttemptAt",
                                            d.lastAttemptAt() == null
                                                    ? null
                                                    : d.lastAttemptAt().toString());
                                    map.put(
                                            "nextAttemptAt",
                                            d.nextAttemptAt() == null
                                                    ? null
                                                    : d.nextAttemptAt().toString());
                                    map.put("reason", d.reason());
                                    return map;
                                })
                        .toList());
    }

    static List<Delivery> deliveriesFrom(String json) {
        List<Map<String, Object>> maps =
                JsonText.read(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        return maps.stream()
                .map(
                        m ->
                                new Delivery(
                                        (String) m.get("channel"),
                                        Delivery.Status.valueOf((String) m.get("status")),
                                        ((Number) m.get("attempts")).intValue(),
                                        instant(m.get("lastAttemptAt")),
                                        instant(m.get("nextAttemptAt")),
                                        (String) m.get("reason")))
                .toList();
    }

    private static Instant instant(Object text) {
        return text == null ? null : Instant.parse(text.toString());
    }
}
