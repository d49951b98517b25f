package org.opencrm.core.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * Newest-first page over one or more partitions of a GSI: each partition is queried
 * (descending, strictly before the cursor) and the results merged by sort key. With one
 * partition this is a plain index query; with the shards of a write-sharded key it is
 * one query per shard, each reading at most a page (plus what a filter drops).
 */
public final class ShardedIndexQuery<T> {

    private final DynamoDbIndex<T> index;
    private final Function<T, String> sortKeyOf;

    public ShardedIndexQuery(DynamoDbIndex<T> index, Function<T, String> sortKeyOf) {
        this.index = index;
        this.sortKeyOf = sortKeyOf;
    }

    public Page<T> page(List<String> partitions, PageRequest request, Expression filter) {
        PriorityQueue<Head<T>> heads = new PriorityQueue<>(Comparator.comparing((Head<T> h) -> h.sortKey).reversed());
        for (String partition : partitions) {
            Iterator<T> items = query(partition, request, filter);
            if (items.hasNext()) {
                heads.add(new Head<>(items.next(), items, sortKeyOf));
            }
        }
        List<Page.Entry<T>> entries = new ArrayList<>();
        while (!heads.isEmpty() && entries.size() < request.first()) {
            Head<T> newest = heads.poll();
            entries.add(new Page.Entry<>(newest.item, Cursor.encode(newest.sortKey)));
            if (newest.rest.hasNext()) {
                heads.add(new Head<>(newest.rest.next(), newest.rest, sortKeyOf));
            }
        }
        return new Page<>(entries, !heads.isEmpty());
    }

    private Iterator<T> query(String partition, PageRequest request, Expression filter) {
        Key partitionKey = Key.builder().partitionValue(partition).build();
        QueryConditional condition = request.afterSortKey()
                .map(after -> QueryConditional.sortLessThan(Key.builder()
                        .partitionValue(partition).sortValue(after).build()))
                .orElse(QueryConditional.keyEqualTo(partitionKey));
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(condition)
                .scanIndexForward(false)
                // one more than a page tells us whether there is a next page
                .limit(request.first() + 1);
        if (filter != null) {
            query.filterExpression(filter);
        }
        return index.query(query.build()).stream().flatMap(page -> page.items().stream()).iterator();
    }

    private static final class Head<T> {
        final T item;
        final Iterator<T> rest;
        final String sortKey;

        Head(T item, Iterator<T> rest, Function<T, String> sortKeyOf) {
            this.item = item;
            this.rest = rest;
            this.sortKey = sortKeyOf.apply(item);
        }
    }
}
