package org.opencrm.core.counter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.store.BatchRetry;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Atomic counters for the breaker. Each change is one conditional {@code UpdateItem}, so concurrent
 * requests in any number of containers count correctly without locks. The Enhanced Client has no
 * ADD or list_append, so this store speaks the low-level API.
 */
public final class CounterStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public CounterStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    /**
     * Adds {@code amount} unless the total would pass {@code limit}; true when added. The counter
     * expires (TTL clean-up).
     */
    public boolean addWithin(String counterKey, long amount, long limit, Instant expiresAt) {
        return amount <= limit && add(counterKey, amount, limit, expiresAt);
    }

    /**
     * Adds {@code amount} (may be negative) with no expiry: a standing count such as a rep's open
     * leads. With {@code limit}, only while the total stays at or below it; true when added.
     */
    public boolean addStanding(String counterKey, long amount, Long limit) {
        return add(counterKey, amount, limit, null);
    }

    /**
     * The one conditional ADD: a limit (optional) on the total after it, an expiry (optional) for
     * clean-up.
     */
    private boolean add(String counterKey, long amount, Long limit, Instant expiresAt) {
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        values.put(":amount", number(amount));
        UpdateItemRequest.Builder update =
                UpdateItemRequest.builder()
                        .tableName(table)
                        .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                        .updateExpression(
                                "ADD #total :amount"
                                        + (expiresAt == null ? "" : " SET expiresAt = :expires"))
                        .expressionAttributeNames(Map.of("#total", "total"));
        if (expiresAt != null) {
            values.put(":expires", number(expiresAt.getEpochSecond()));
        }
        if (limit != null) {
            update.conditionExpression("attribute_not_exists(#total) OR #total <= :room");
            values.put(":room", number(limit - amount));
        }
        try {
            dynamo.updateItem(update.expressionAttributeValues(values).build());
            return true;
        } catch (ConditionalCheckFailedException wouldPassLimit) {
            return false;
        }
    }

    /**
     * The standing ADD of {@link #addStanding} as an action of a caller's transaction: the
     * transaction fails when {@code limit} is given and the total would pass it.
     */
    public Update additionInTransaction(String counterKey, long amount, Long limit) {
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        values.put(":amount", number(amount));
        Update.Builder update =
                Update.builder()
                        .tableName(table)
                        .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                        .updateExpression("ADD #total :amount")
                        .expressionAttributeNames(Map.of("#total", "total"));
        if (limit != null) {
            update.conditionExpression("attribute_not_exists(#total) OR #total <= :room");
            values.put(":room", number(limit - amount));
        }
        return update.expressionAttributeValues(values).build();
    }

    /**
     * Sets the total to {@code value} only while it is still {@code expected} (an absent counter
     * counts as 0): a correction that never overwrites a change it did not see. True when set.
     */
    public boolean setIfUnchanged(String counterKey, long expected, long value) {
        String unchanged =
                expected == 0
                        ? "attribute_not_exists(#total) OR #total = :expected"
                        : "#total = :expected";
        try {
            dynamo.updateItem(
                    UpdateItemRequest.builder()
                            .tableName(table)
                            .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                            .updateExpression("SET #total = :value")
                            .conditionExpression(unchanged)
                            .expressionAttributeNames(Map.of("#total", "total"))
                            .expressionAttributeValues(
                                    Map.of(":expected", number(expected), ":value", number(value)))
                            .build());
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    /** Many totals at once (absent counters are 0), in batch reads of up to 100 keys. */
    public Map<String, Long> totals(java.util.Collection<String> counterKeys) {
        Map<String, Long> totals = new java.util.HashMap<>();
        List<String> keys = List.copyOf(new java.util.LinkedHashSet<>(counterKeys));
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> batch =
                    keys.subList(from, Math.min(keys.size(), from + 100)).stream()
                            .map(key -> Map.of("counterKey", AttributeValue.fromS(key)))
                            .toList();
            BatchRetry.standard()
                    .sendAll(
                            Map.of(
                                    table,
                                    KeysAndAttributes.builder()
                                            .keys(batch)
                                            .consistentRead(true)
                                            .build()),
                            request -> readInto(totals, request),
                            request ->
                                    request.values().stream()
                                            .mapToInt(keysOfTable -> keysOfTable.keys().size())
                                            .sum());
        }
        keys.forEach(key -> totals.putIfAbsent(key, 0L));
        return totals;
    }

    /** One BatchGetItem into {@code totals}; returns the keys DynamoDB left unprocessed. */
    private Map<String, KeysAndAttributes> readInto(
            Map<String, Long> totals, Map<String, KeysAndAttributes> request) {
        BatchGetItemResponse response =
                dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
        for (Map<String, AttributeValue> item :
                response.responses().getOrDefault(table, List.of())) {
            AttributeValue total = item.get("total");
            totals.put(item.get("counterKey").s(), total == null ? 0 : Long.parseLong(total.n()));
        }
        return response.unprocessedKeys();
    }

    public long total(String counterKey) {
        AttributeValue total =
                dynamo.getItem(
                                request ->
                                        request.tableName(table)
                                                .consistentRead(true)
                                                .key(
                                                        Map.of(
                                                                "counterKey",
                                                                AttributeValue.fromS(counterKey))))
                        .item()
                        .get("total");
        return total == null ? 0 : Long.parseLong(total.n());
    }

    /** Appends one moment to the counter's list and returns the whole list, this one included. */
    public List<Instant> appendMoment(String counterKey, Instant at, Instant expiresAt) {
        Map<String, AttributeValue> after =
                dynamo.updateItem(
                                UpdateItemRequest.builder()
                                        .tableName(table)
                                        .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                                        .updateExpression(
                                                "SET moments = list_append(if_not_exists(moments, :none), :now), expiresAt = :expires")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":none", AttributeValue.fromL(List.of()),
                                                        ":now",
                                                                AttributeValue.fromL(
                                                                        List.of(
                                                                                AttributeValue
                                                                                        .fromS(
                                                                                                at
                                                                                                        .toString()))),
                                                        ":expires",
                                                                number(expiresAt.getEpochSecond())))
                                        .returnValues(ReturnValue.ALL_NEW)
                                        .build())
                        .attributes();
        return after.get("moments").l().stream().map(moment -> Instant.parse(moment.s())).toList();
    }

    public void reset(String counterKey) {
        dynamo.deleteItem(
                request ->
                        request.tableName(table)
                                .key(Map.of("counterKey", AttributeValue.fromS(counterKey))));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
