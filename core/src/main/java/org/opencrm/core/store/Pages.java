package org.opencrm.core.store;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * The one way to read every page of a list: each page continues after the previous page's end
 * cursor, until a page says there is no next one. Pages are read as the stream is consumed, so a
 * caller may change the items of a page before the next one is read (a cursor is a sort-key
 * position and stays valid), and a limit on the stream reads no page past it.
 */
public final class Pages {

    private Pages() {}

    /** Every item, in pages of the largest size. */
    public static <T> Stream<T> all(Function<PageRequest, Page<T>> list) {
        return all(PageRequest.MAX_SIZE, list);
    }

    /**
     * Every item, in pages of {@code size}. A service's own read may use pages larger than a client
     * may ask for ({@link PageRequest#MAX_SIZE} bounds answers, not reads): a bulk read (an export)
     * then needs fewer round trips.
     */
    public static <T> Stream<T> all(int size, Function<PageRequest, Page<T>> list) {
        if (size < 1) {
            throw new IllegalArgumentException("a page holds at least one item, not " + size);
        }
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        new Items<>(size, list), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    private static final class Items<T> implements Iterator<T> {
        private final int size;
        private final Function<PageRequest, Page<T>> list;
        private Page<T> page;
        private Iterator<Page.Entry<T>> entries;

        Items(int size, Function<PageRequest, Page<T>> list) {
            this.size = size;
            this.list = list;
        }

        @Override
        public boolean hasNext() {
            if (page == null) {
                read(null);
            }
            // an empty page has no end cursor to continue from: the list ends there
            while (!entries.hasNext() && page.hasNextPage() && page.endCursor() != null) {
                read(page.endCursor());
            }
            return entries.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return entries.next().item();
        }

        private void read(String after) {
            page = list.apply(new PageRequest(size, Cursor.decode(after)));
            entries = page.entries().iterator();
        }
    }
}
