package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/** Reading every page of a list, one page after the other's end cursor. */
class PagesTest {

    /** A sorted list served a page at a time, as an index query serves it; remembers each ask. */
    private static final class SortedList implements Function<PageRequest, Page<String>> {
        private final List<String> keys;
        private final List<Optional<String>> asked = new ArrayList<>();

        SortedList(int size) {
            this.keys = IntStream.range(0, size).mapToObj(i -> String.format("k%03d", i)).toList();
        }

        @Override
        public Page<String> apply(PageRequest request) {
            asked.add(request.afterSortKey());
            List<String> after =
                    keys.stream()
                            .filter(
                                    key ->
                                            request.afterSortKey().isEmpty()
                                                    || key.compareTo(request.afterSortKey().get())
                                                            > 0)
                            .toList();
            List<Page.Entry<String>> entries =
                    after.stream()
                            .limit(request.first())
                            .map(key -> new Page.Entry<>(key, Cursor.encode(key)))
                            .toList();
            return new Page<>(entries, after.size() > request.first());
        }
    }

    @Test
    void all_readsEveryItemInOrder_eachPageAfterThePreviousEndCursor() {
        // GIVEN 25 items served in pages of 10
        SortedList list = new SortedList(25);

        // WHEN all are read
        List<String> read = Pages.all(10, list).toList();

        // THEN every item came once, in order, from three pages that each continued the last
        assertEquals(list.keys, read);
        assertEquals(
                List.of(Optional.empty(), Optional.of("k009"), Optional.of("k019")), list.asked);
    }

    @Test
    void all_ofAnEmptyList_readsOnePage() {
        SortedList list = new SortedList(0);

        assertEquals(List.of(), Pages.all(list).toList());
        assertEquals(1, list.asked.size());
    }

    @Test
    void all_readsNoPagePastALimit() {
        // GIVEN 25 items in pages of 10
        SortedList list = new SortedList(25);

        // WHEN only the first 10 are taken
        List<String> read = Pages.all(10, list).limit(10).toList();

        // THEN only the first page was read
        assertEquals(list.keys.subList(0, 10), read);
        assertEquals(1, list.asked.size());
    }

    @Test
    void all_readsTheNextPage_onlyAfterThePreviousPagesItemsWereHandled() {
        // GIVEN 4 items in pages of 2, and a consumer that notes when it handles each
        SortedList list = new SortedList(4);
        List<String> events = new ArrayList<>();
        Function<PageRequest, Page<String>> noted =
                request -> {
                    events.add("read page");
                    return list.apply(request);
                };

        // WHEN they are handled one by one
        Pages.all(2, noted).forEach(key -> events.add("handled " + key));

        // THEN a page's items were handled before the next page was read (a caller may change
        // them first)
        assertEquals(
                List.of(
                        "read page",
                        "handled k000",
                        "handled k001",
                        "read page",
                        "handled k002",
                        "handled k003"),
                events);
    }

    @Test
    void all_usesTheLargestPageSize_unlessToldOtherwise() {
        SortedList list = new SortedList(PageRequest.MAX_SIZE + 1);

        assertEquals(PageRequest.MAX_SIZE + 1, Pages.all(list).count());
        assertEquals(2, list.asked.size());
    }

    @Test
    void all_readsInPagesLargerThanAClientMayAskFor_whenAServiceChoosesTheSize() {
        // GIVEN a list of 1,000 items
        SortedList list = new SortedList(1_000);

        // WHEN a service reads it all in pages of 400, four times a client's largest page
        long read = Pages.all(4 * PageRequest.MAX_SIZE, list).count();

        // THEN every item comes back, in three pages instead of ten
        assertEquals(1_000, read);
        assertEquals(3, list.asked.size());
    }
}
