package org.opencrm.core.financesync;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Which push is each customer's latest, one small item per signed customer beside the counters. A
 * push's id carries the customer version that signed, so it cannot be derived from the customer;
 * with this pointer a page of customers finds its pushes by key (two batch reads) instead of one
 * inbox query per customer.
 */
public final class LatestPushStore {

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<LatestPushItem>> pointers;

    public LatestPushStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        // a thin mapper over the same client, built once with the store
        this.enhanced = DynamoClients.enhanced(dynamo);
        this.pointers = ItemTables.lazy(enhanced, tables.counters(), LatestPushItem.class);
    }

    /**
     * Points the customer at this push unless it already points at the same or a later signing:
     * safe for a stream record seen twice or late.
     *
     * @param signedVersion orders the customer's signings: larger is later (the signing write's
     *     epoch milliseconds since pushes come from contracts)
     */
    public void record(String customerId, long signedVersion, String pushId) {
        try {
            dynamo.updateItem(
                    request ->
                            request.tableName(pointers.get().tableName())
                                    .key(
                                            Map.of(
                                                    "counterKey",
                                                    AttributeValue.fromS(
                                                            Keys.financeSyncLatest(customerId))))
                                    .updateExpression(
                                            "SET customerId = :customer, pushId = :push, signedVersion = :version")
                                    .conditionExpression(
                                            "attribute_not_exists(signedVersion) OR signedVersion < :version")
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":customer",
                                                    AttributeValue.fromS(customerId),
                                                    ":push",
                                                    AttributeValue.fromS(pushId),
                                                    ":version",
                                                    AttributeValue.fromN(
                                                            Long.toString(signedVersion)))));
        } catch (ConditionalCheckFailedException sameOrLaterSigningRecorded) {
            // nothing to do
        }
    }

    /**
     * Customer id → id of their latest push, for those ever signed: one BatchGetItem per 100
     * customers.
     */
    public Map<String, String> latest(Collection<String> customerIds) {
        List<Key> keys =
                customerIds.stream()
                        .map(id -> Key.builder().partitionValue(Keys.financeSyncLatest(id)).build())
                        .toList();
        Map<String, String> pushes = new HashMap<>();
        for (LatestPushItem item : BatchGet.items(enhanced, pointers.get(), keys)) {
            pushes.put(item.getCustomerId(), item.getPushId());
        }
        return pushes;
    }
}
