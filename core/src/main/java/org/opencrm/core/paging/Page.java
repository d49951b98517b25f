package org.opencrm.core.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list, each item with the cursor that continues after it. */
public record Page<T>(List<Entry<T>> entries, boolean hasNextPage) {

    public record Entry<T>(T item, String cursor) {}

    public Page {
        entries = List.copyOf(entries);
    }

    public String endCursor() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).cursor();
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(
                entries.stream().map(e -> new Entry<>(mapper.apply(e.item()), e.cursor())).toList(),
                hasNextPage);
    }
}
