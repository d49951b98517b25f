package org.opencrm.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/**
 * Many items of one table by key, in as few calls as DynamoDB allows: one BatchGetItem per 100
 * keys. The Enhanced Client's result pages ask again for any keys DynamoDB left unprocessed, so
 * every existing item comes back; missing ones are simply absent.
 */
public final class BatchGet {

    /** DynamoDB's most keys in one BatchGetItem. */
    public static final int MAX_KEYS = 100;

    private BatchGet() {}

    /** The items that exist under these keys (duplicates read once), in no particular order. */
    public static <T> List<T> items(
            DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, Collection<Key> keys) {
        List<Key> distinct = List.copyOf(new LinkedHashSet<>(keys));
        List<T> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX_KEYS) {
            ReadBatch.Builder<T> batch =
                    ReadBatch.builder(table.tableSchema().itemType().rawClass())
                            .mappedTableResource(table);
            for (Key key : distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS))) {
                // consistent, as single reads are: a pointer or id just written finds its item
                batch.addGetItem(
                        GetItemEnhancedRequest.builder().key(key).consistentRead(true).build());
            }
            enhanced.batchGetItem(request -> request.readBatches(batch.build()))
                    .resultsForTable(table)
                    .forEach(found::add);
        }
        return found;
    }
}
