package org.opencrm.core.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.store.BatchRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The search table: a record's tokens replaced as a whole (read its partition, write what is new or
 * changed, delete what is gone), and prefix queries over the byToken index.
 */
public final class SearchIndexStore {

    private static final int BATCH_LIMIT = 25;

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<SearchTokenItem>> tokens;
    private final Supplier<DynamoDbIndex<SearchTokenItem>> byToken;

    public SearchIndexStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.tokens = ItemTables.lazy(enhanced, tables.search(), SearchTokenItem.class);
        this.byToken = ItemTables.index(tokens, SearchTokenItem.BY_TOKEN);
    }

    /** One page of a prefix query: the matching tokens and where the next page starts. */
    public record TokenPage(List<SearchTokenItem> items, Map<String, AttributeValue> next) {}

    /**
     * Makes the record's tokens exactly those of {@code document}; empty removes them all (a
     * deleted, merged or archived record). Writes only what differs, so a replay writes nothing.
     */
    public void replace(SearchType type, String id, Optional<SearchDocument> document) {
        Map<String, SearchTokenItem> existing = new HashMap<>();
        for (SearchTokenItem item : tokensOf(type, id)) {
            existing.put(item.getToken(), item);
        }
        List<SearchTokenItem> puts = new ArrayList<>();
        Map<String, SearchTokenItem> wanted = new HashMap<>();
        document.ifPresent(
                doc ->
                        doc.tokens()
                                .forEach(
                                        token -> {
                                            SearchTokenItem item = SearchTokenItem.of(doc, token);
                                            wanted.put(item.getToken(), item);
                                        }));
        wanted.forEach(
                (token, item) -> {
                    SearchTokenItem before = existing.get(token);
                    if (before == null || !before.sameAs(item)) {
                        puts.add(item);
                    }
                });
        List<Key> deletes =
                existing.keySet().stream()
                        .filter(token -> !wanted.containsKey(token))
                        .map(
                                token ->
                                        Key.builder()
                                                .partitionValue(Keys.searchRecord(type.name(), id))
                                                .sortValue(token)
                                                .build())
                        .toList();
        for (int from = 0; from < puts.size(); from += BATCH_LIMIT) {
            putAll(puts.subList(from, Math.min(puts.size(), from + BATCH_LIMIT)));
        }
        for (int from = 0; from < deletes.size(); from += BATCH_LIMIT) {
            deleteAll(deletes.subList(from, Math.min(deletes.size(), from + BATCH_LIMIT)));
        }
    }

    /** The record's tokens as stored now. */
    public List<SearchTokenItem> tokensOf(SearchType type, String id) {
        QueryEnhancedRequest request =
                QueryEnhancedRequest.builder()
                        .queryConditional(
                                QueryConditional.keyEqualTo(
                                        Key.builder()
                                                .partitionValue(Keys.searchRecord(type.name(), id))
                                                .build()))
                        .consistentRead(true)
                        .build();
        return tokens.get().query(request).items().stream().toList();
    }

    /** One page of tokens of this partition whose sort key begins with {@code text}. */
    public TokenPage prefixPage(
            String partition, String text, int limit, Map<String, AttributeValue> start) {
        QueryEnhancedRequest request =
                QueryEnhancedRequest.builder()
                        .queryConditional(
                                QueryConditional.sortBetween(
                                        Key.builder()
                                                .partitionValue(partition)
                                                .sortValue(text)
                                                .build(),
                                        Key.builder()
                                                .partitionValue(partition)
                                                .sortValue(Keys.prefixUpperBound(text))
                                                .build()))
                        .limit(limit)
                        .exclusiveStartKey(start)
                        .build();
        Page<SearchTokenItem> page = byToken.get().query(request).iterator().next();
        return new TokenPage(page.items(), page.lastEvaluatedKey());
    }

    private void putAll(List<SearchTokenItem> items) {
        BatchRetry.standard()
                .sendAll(
                        items,
                        pending -> {
                            WriteBatch.Builder<SearchTokenItem> batch =
                                    WriteBatch.builder(SearchTokenItem.class)
                                            .mappedTableResource(tokens.get());
                            pending.forEach(batch::addPutItem);
                            return send(batch.build()).unprocessedPutItemsForTable(tokens.get());
                        });
    }

    private void deleteAll(List<Key> keys) {
        BatchRetry.standard()
                .sendAll(
                        keys,
                        pending -> {
                            WriteBatch.Builder<SearchTokenItem> batch =
                                    WriteBatch.builder(SearchTokenItem.class)
                                            .mappedTableResource(tokens.get());
                            pending.forEach(batch::addDeleteItem);
                            return send(batch.build()).unprocessedDeleteItemsForTable(tokens.get());
                        });
    }

    private BatchWriteResult send(WriteBatch batch) {
        return enhanced.batchWriteItem(
                BatchWriteItemEnhancedRequest.builder().writeBatches(batch).build());
    }
}
