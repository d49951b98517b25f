package org.opencrm.core.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * Newest-first page over one or more partitions of a GSI: each partition is queried (descending,
 * strictly before the cursor) and the results merged by sort key. With one partition this is a
 * plain index query; with the shards of a write-sharded key it is one query per shard, each reading
 * at most a page (plus what a filter drops). The shards' first reads run in parallel, so a page
 * costs about one query's latency, not one per shard.
 */
public final class ShardedIndexQuery<T> {

    private final Supplier<DynamoDbIndex<T>> index;
    private final Function<T, String> sortKeyOf;
    private final boolean ascending;

    /** Newest first: descending sort keys. */
    public ShardedIndexQuery(DynamoDbIndex<T> index, Function<T, String> sortKeyOf) {
        this(() -> index, sortKeyOf, false);
    }

    /** Ascending sort keys when {@code ascending} (e.g. people by name), else descending. */
    public ShardedIndexQuery(
            DynamoDbIndex<T> index, Function<T, String> sortKeyOf, boolean ascending) {
        this(() -> index, sortKeyOf, ascending);
    }

    /**
     * Over an index built on first use ({@link ItemTables#index}); newest first: descending sort
     * keys.
     */
    public ShardedIndexQuery(Supplier<DynamoDbIndex<T>> index, Function<T, String> sortKeyOf) {
        this(index, sortKeyOf, false);
    }

    /** Over an index built on first use; ascending sort keys when {@code ascending}. */
    public ShardedIndexQuery(
            Supplier<DynamoDbIndex<T>> index, Function<T, String> sortKeyOf, boolean ascending) {
        this.index = index;
        this.sortKeyOf = sortKeyOf;
        this.ascending = ascending;
    }

    /** Inclusive bounds on the sort key; null leaves that side open. */
    public record SortRange(String lowest, String highest) {

        public static final SortRange ALL = new SortRange(null, null);
    }

    public Page<T> page(List<String> partitions, PageRequest request, Expression filter) {
        return page(partitions, request, filter, SortRange.ALL);
    }

    /**
     * The first {@code limit} items in sort order across the partitions, within {@code range}: a
     * work list (due deliveries, recent failures) rather than a client's page, so {@code limit} is
     * not bound by a page's maximum. Each partition is read in order, so none starves another.
     */
    public List<T> first(List<String> partitions, SortRange range, int limit) {
        PageRequest everyFromTheStart = new PageRequest(limit, Optional.empty());
        return page(partitions, everyFromTheStart, null, range).entries().stream()
                .map(Page.Entry::item)
                .toList();
    }

    /**
     * A page of the items whose sort keys lie in {@code range}: a key condition, never a filter.
     */
    public Page<T> page(
            List<String> partitions, PageRequest request, Expression filter, SortRange range) {
        Comparator<Head<T>> bySortKey = Comparator.comparing((Head<T> h) -> h.sortKey);
        PriorityQueue<Head<T>> heads =
                new PriorityQueue<>(ascending ? bySortKey : bySortKey.reversed());
        for (Head<T> head : firstOfEach(partitions, request, filter, range)) {
            if (head != null) {
                heads.add(head);
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

    /**
     * The newest item of each partition (null where empty), read in parallel when there are
     * several.
     */
    private List<Head<T>> firstOfEach(
            List<String> partitions, PageRequest request, Expression filter, SortRange range) {
        return ParallelReads.each(
                partitions, partition -> first(partition, request, filter, range));
    }

    private Head<T> first(
            String partition, PageRequest request, Expression filter, SortRange range) {
        Iterator<T> items = query(partition, request, filter, range);
        return items.hasNext() ? new Head<>(items.next(), items, sortKeyOf) : null;
    }

    private Iterator<T> query(
            String partition, PageRequest request, Expression filter, SortRange range) {
        Optional<String> after = request.afterSortKey();
        // a page continues from its cursor: the upper edge when descending, the lower when
        // ascending
        String lowest = ascending ? after.orElse(range.lowest()) : range.lowest();
        String highest = ascending ? range.highest() : after.orElse(range.highest());
        if (lowest != null && highest != null && lowest.compareTo(highest) > 0) {
            return Collections.emptyIterator();
        }
        QueryEnhancedRequest.Builder query =
                QueryEnhancedRequest.builder()
                        .queryConditional(keyCondition(partition, lowest, highest))
                        .scanIndexForward(ascending)
                        // one more than a page tells us whether there is a next page
                        .limit(request.first() + 1);
        if (filter != null) {
            query.filterExpression(filter);
        }
        // edges are inclusive, so the cursor's own item comes back once more: it belongs to the
        // previous page
        return index.get().query(query.build()).stream()
                .flatMap(page -> page.items().stream())
                .filter(item -> after.isEmpty() || !after.get().equals(sortKeyOf.apply(item)))
                .iterator();
    }

    private static QueryConditional keyCondition(String partition, String lowest, String highest) {
        if (lowest != null && highest != null) {
            return QueryConditional.sortBetween(key(partition, lowest), key(partition, highest));
        }
        if (highest != null) {
            return QueryConditional.sortLessThanOrEqualTo(key(partition, highest));
        }
        if (lowest != null) {
            return QueryConditional.sortGreaterThanOrEqualTo(key(partition, lowest));
        }
        return QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build());
    }

    private static Key key(String partition, String sortKey) {
        return Key.builder().partitionValue(partition).sortValue(sortKey).build();
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
