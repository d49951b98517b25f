package org.opencrm.core.ratelimit;

import java.util.Map;
import java.util.OptionalLong;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Token buckets in the counters table, one item per bucket ({@code tat}: the theoretical arrival
 * time in epoch microseconds). A charge is one conditional {@code UpdateItem}, so every container
 * shares each bucket without locks: DynamoDB has no max() in update expressions, so there are two
 * writes, for a bucket that has caught up with now and for one running ahead, and the caller picks
 * the one its last sight of the bucket suggests. A write whose condition fails hands back the
 * bucket as it is ({@code ReturnValuesOnConditionCheckFailure}), so a wrong pick costs no read.
 */
public final class RateLimitStore {

    private static final String KEY = "counterKey";

    private final DynamoDbClient dynamo;
    private final String table;

    public RateLimitStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    /**
     * The result of one charge: the TAT it wrote, or the TAT the bucket held when the write's
     * condition failed (absent: no bucket).
     */
    public record Charge(boolean written, Long tat) {}

    /** Charges a bucket that has caught up with now (or has none yet): TAT = now + interval. */
    public Charge chargeCaughtUp(String key, long nowMicros, long intervalMicros, long expiresAt) {
        return charge(
                UpdateItemRequest.builder()
                        .tableName(table)
                        .key(Map.of(KEY, AttributeValue.fromS(key)))
                        .updateExpression("SET tat = :next, expiresAt = :expires")
                        .conditionExpression("attribute_not_exists(tat) OR tat <= :now")
                        .expressionAttributeValues(
                                Map.of(
                                        ":next", number(nowMicros + intervalMicros),
                                        ":now", number(nowMicros),
                                        ":expires", number(expiresAt))));
    }

    /**
     * Charges a bucket running ahead of now but within its tolerance: TAT += interval.
     *
     * @param latestAllowed the latest TAT that still admits a request: now + tolerance
     */
    public Charge chargeAhead(
            String key, long nowMicros, long intervalMicros, long latestAllowed, long expiresAt) {
        return charge(
                UpdateItemRequest.builder()
                        .tableName(table)
                        .key(Map.of(KEY, AttributeValue.fromS(key)))
                        .updateExpression("SET tat = tat + :interval, expiresAt = :expires")
                        .conditionExpression("tat > :now AND tat <= :latest")
                        .expressionAttributeValues(
                                Map.of(
                                        ":interval", number(intervalMicros),
                                        ":now", number(nowMicros),
                                        ":latest", number(latestAllowed),
                                        ":expires", number(expiresAt))));
    }

    private Charge charge(UpdateItemRequest.Builder update) {
        try {
            UpdateItemResponse written =
                    dynamo.updateItem(
                            update.returnValues(ReturnValue.UPDATED_NEW)
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD)
                                    .build());
            return new Charge(true, tatOf(written.attributes()).orElseThrow());
        } catch (ConditionalCheckFailedException refused) {
            OptionalLong held =
                    refused.hasItem() ? tatOf(refused.item()) : read(update.build().key());
            return new Charge(false, held.isPresent() ? held.getAsLong() : null);
        }
    }

    /** Only where the engine does not hand the item back with a failed condition. */
    private OptionalLong read(Map<String, AttributeValue> key) {
        return tatOf(
                dynamo.getItem(request -> request.tableName(table).key(key).consistentRead(true))
                        .item());
    }

    private static OptionalLong tatOf(Map<String, AttributeValue> item) {
        AttributeValue tat = item == null ? null : item.get("tat");
        return tat == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(tat.n()));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
