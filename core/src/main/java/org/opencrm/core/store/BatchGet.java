package org.opencrm.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetResultPage;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/**
 * Many items of one table by key, in as few calls as DynamoDB allows: one BatchGetItem per 100
 * keys, and what DynamoDB leaves unprocessed asked again through {@link BatchRetry}, so every
 * existing item comes back or the read fails loudly; missing items are simply absent.
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
            List<Key> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS));
            BatchRetry.standard()
                    .sendAll(chunk, pending -> readOnce(enhanced, table, pending, found));
        }
        return found;
    }

    /** One BatchGetItem into {@code found}; returns the keys DynamoDB left unprocessed. */
    private static <T> List<Key> readOnce(
            DynamoDbEnhancedClient enhanced,
            DynamoDbTable<T> table,
            List<Key> keys,
            List<T> found) {
        ReadBatch.Builder<T> batch =
                ReadBatch.builder(table.tableSchema().itemType().rawClass())
                        .mappedTableResource(table);
        for (Key key : keys) {
            // consistent, as single reads are: a pointer or id just written finds its item
            batch.addGetItem(
                    GetItemEnhancedRequest.builder().key(key).consistentRead(true).build());
        }
        // the first page is this one request: BatchRetry, not the SDK's paginator, asks again
        BatchGetResultPage page =
                enhanced.batchGetItem(request -> request.readBatches(batch.build()))
                        .iterator()
                        .next();
        page.resultsForTable(table).forEach(found::add);
        return page.unprocessedKeysForTable(table);
    }
}
