package org.opencrm.core.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The delivery state kept on each notification item: every channel's status, and a version every
 * change is conditional on, so two dispatchers (a redelivered stream batch, the retry schedule)
 * never both claim one attempt. Sparse index keys list the items with a delivery due ({@code
 * byDue}) and those with a failure ({@code byFailure}).
 */
public final class DeliveryStore {

    private static final TableSchema<NotificationItem> SCHEMA =
            TableSchema.fromBean(NotificationItem.class);

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.notifications();
    }

    /** A notification with its deliveries and their version (0 before any plan). */
    public record Tracked(Notification notification, List<Delivery> deliveries, long version) {}

    public Optional<Tracked> find(String id) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(table)
                                                .consistentRead(true)
                                                .key(Map.of("id", AttributeValue.fromS(id))))
                        .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Notification notification = SCHEMA.mapToItem(item).toNotification();
        List<Delivery> deliveries =
                item.containsKey("deliveriesJson")
                        ? read(item.get("deliveriesJson").s())
                        : List.of();
        long version =
                item.containsKey("deliveryVersion")
                        ? Long.parseLong(item.get("deliveryVersion").n())
                        : 0;
        return Optional.of(new Tracked(notification, deliveries, version));
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
     * The badge: unread notifications of one recipient (a COUNT query on their partition, paged to
     * the end).
     */
    public long unreadCount(String recipientId) {
        // the SDK's paginator follows LastEvaluatedKey to the end
        return dynamo
                .queryPaginator(
                        request ->
                                request.tableName(table)
                                        .indexName("byRecipient")
                                        .keyConditionExpression("recipientId = :me")
                                        .filterExpression("#read = :false")
                                        .expressionAttributeNames(Map.of("#read", "read"))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":me",
                                                        AttributeValue.fromS(recipientId),
                                                        ":false",
                                                        AttributeValue.fromBool(false)))
                                        .select(
                                                software.amazon.awssdk.services.dynamodb.model
                                                        .Select.COUNT))
                .stream()
                .mapToLong(QueryResponse::count)
                .sum();
    }

    /**
     * Ids of notifications with a delivery due at or before {@code now}, oldest first across all
     * shards, at most {@code limit}.
     */
    public List<String> due(Instant now, int limit) {
        return idsIn(
                "byDue",
                "dueKey",
                "dueSortKey",
                Keys.deliveryDueShards(),
                null,
                Keys.listKeyUpTo(now),
                limit,
                true);
    }

    /**
     * Ids of notifications with a failed delivery between two instants, newest failure first across
     * all shards.
     */
    public List<String> failures(Instant from, Instant to, int limit) {
        return idsIn(
                "byFailure",
                "failedKey",
                "failedSortKey",
                Keys.deliveryFailedShards(),
                Keys.listKeyFrom(from),
                Keys.listKeyUpTo(to),
                limit,
                false);
    }

    /**
     * Each shard's first {@code limit} in order, merged by sort key, cut to {@code limit}: no shard
     * starves another.
     */
    private List<String> idsIn(
            String index,
            String partition,
            String sort,
            List<String> shards,
            String from,
            String to,
            int limit,
            boolean ascending) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (String shard : shards) {
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":p", AttributeValue.fromS(shard));
            values.put(":to", AttributeValue.fromS(to));
            String condition = "#p = :p AND #s <= :to";
            if (from != null) {
                values.put(":from", AttributeValue.fromS(from));
                condition = "#p = :p AND #s BETWEEN :from AND :to";
            }
            found.addAll(
                    dynamo.query(
                                    QueryRequest.builder()
                                            .tableName(table)
                                            .indexName(index)
                                            .keyConditionExpression(condition)
                                            .expressionAttributeNames(
                                                    Map.of("#p", partition, "#s", sort))
                                            .expressionAttributeValues(values)
                                            .scanIndexForward(ascending)
                                            .limit(limit)
                                            .build())
                            .items());
        }
        Comparator<Map<String, AttributeValue>> bySortKey =
                Comparator.comparing(item -> item.get(sort).s());
        return found.stream()
                .sorted(ascending ? bySortKey : bySortKey.reversed())
                .limit(limit)
                .map(item -> item.get("id").s())
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

    private static List<Delivery> read(String json) {
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
