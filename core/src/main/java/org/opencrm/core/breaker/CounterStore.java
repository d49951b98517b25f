package org.opencrm.core.breaker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Atomic counters for the breaker. Each change is one conditional {@code UpdateItem}, so
 * concurrent requests in any number of containers count correctly without locks. The
 * Enhanced Client has no ADD or list_append, so this store speaks the low-level API.
 */
public final class CounterStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public CounterStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    /** Adds {@code amount} unless the total would pass {@code limit}; true when added. */
    public boolean addWithin(String counterKey, long amount, long limit, Instant expiresAt) {
        if (amount > limit) {
            return false;
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                    .updateExpression("ADD #total :amount SET expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(#total) OR #total <= :room")
                    .expressionAttributeNames(Map.of("#total", "total"))
                    .expressionAttributeValues(Map.of(
                            ":amount", number(amount),
                            ":room", number(limit - amount),
                            ":expires", number(expiresAt.getEpochSecond())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException wouldPassLimit) {
            return false;
        }
    }

    public long total(String counterKey) {
        AttributeValue total = dynamo.getItem(request -> request.tableName(table).consistentRead(true)
                .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))).item().get("total");
        return total == null ? 0 : Long.parseLong(total.n());
    }

    /** Appends one moment to the counter's list and returns the whole list, this one included. */
    public List<Instant> appendMoment(String counterKey, Instant at, Instant expiresAt) {
        Map<String, AttributeValue> after = dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of("counterKey", AttributeValue.fromS(counterKey)))
                .updateExpression("SET moments = list_append(if_not_exists(moments, :none), :now), expiresAt = :expires")
                .expressionAttributeValues(Map.of(
                        ":none", AttributeValue.fromL(List.of()),
                        ":now", AttributeValue.fromL(List.of(AttributeValue.fromS(at.toString()))),
                        ":expires", number(expiresAt.getEpochSecond())))
                .returnValues(ReturnValue.ALL_NEW)
                .build()).attributes();
        return after.get("moments").l().stream().map(moment -> Instant.parse(moment.s())).toList();
    }

    public void reset(String counterKey) {
        dynamo.deleteItem(request -> request.tableName(table).key(Map.of("counterKey", AttributeValue.fromS(counterKey))));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
