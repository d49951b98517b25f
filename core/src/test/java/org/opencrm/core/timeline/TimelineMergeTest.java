package org.opencrm.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/** The timeline's merge and cursor, pure: sources are lists held by the test. */
class TimelineMergeTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    /** A source over a fixed newest-first list whose cursor is the entry's index. */
    private record ListSource(String name, List<TimelineEntry> newestFirst) {

        Page<TimelineEntry> page(PageRequest request) {
            int from = request.afterSortKey().map(key -> Integer.parseInt(key) + 1).orElse(0);
            int to = Math.min(newestFirst.size(), from + request.first());
            List<Page.Entry<TimelineEntry>> entries = new ArrayList<>();
            for (int i = from; i < to; i++) {
                entries.add(new Page.Entry<>(newestFirst.get(i), Cursor.encode(String.valueOf(i))));
            }
            return new Page<>(entries, to < newestFirst.size());
        }
    }

    private static TimelineEntry at(int minutes, String kind) {
        return new TimelineEntry(T0.plusSeconds(60L * minutes), kind, kind, "u1", "e1", null);
    }

    private static Page<TimelineEntry> page(List<ListSource> sources, int first, String after) {
        Map<String, String> positions =
                TimelineCursor.positions(PageRequest.of(first, after).afterSortKey());
        List<TimelineMerge.SourcePage> pages =
                sources.stream()
                        .map(
                                source ->
                                        new TimelineMerge.SourcePage(
                                                source.name(),
                                                source.page(
                                                        TimelineCursor.requestFor(
                                                                source.name(), positions, first))))
                        .toList();
        return TimelineMerge.merge(pages, positions, first);
    }

    @Test
    void pages_walkEveryEntryOfEverySourceOnce_newestFirst_withOneCursor() {
        // GIVEN deal moves at minutes 9, 5, 4, 1 and lead events at 8, 7, 3, 2, 0
        ListSource deals =
                new ListSource("deal", List.of(at(9, "D9"), at(5, "D5"), at(4, "D4"), at(1, "D1")));
        ListSource leads =
                new ListSource(
                        "lead",
                        List.of(at(8, "L8"), at(7, "L7"), at(3, "L3"), at(2, "L2"), at(0, "L0")));

        // WHEN the client pages through three at a time
        List<String> seen = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        String after = null;
        do {
            Page<TimelineEntry> page = page(List.of(deals, leads), 3, after);
            page.entries().forEach(entry -> seen.add(entry.item().kind()));
            more.add(page.hasNextPage());
            after = page.hasNextPage() ? page.endCursor() : null;
        } while (after != null);

        // THEN every entry once, in time order across the sources, and the last page says so
        assertEquals(List.of("D9", "L8", "L7", "D5", "D4", "L3", "L2", "D1", "L0"), seen);
        assertEquals(List.of(true, true, false), more);
    }

    @Test
    void aSourceWithNothingTakenYet_startsFromItsNewest_onTheNextPage() {
        // GIVEN a source whose entries are all older than the other's first page
        ListSource recent = new ListSource("deal", List.of(at(9, "D9"), at(8, "D8")));
        ListSource old = new ListSource("lead", List.of(at(1, "L1")));

        // WHEN two pages of two are read
        Page<TimelineEntry> first = page(List.of(recent, old), 2, null);
        Page<TimelineEntry> second = page(List.of(recent, old), 2, first.endCursor());

        // THEN the old source's entry comes on the second page, and nothing after it
        assertEquals(
                List.of("D9", "D8"), first.entries().stream().map(e -> e.item().kind()).toList());
        assertTrue(first.hasNextPage());
        assertEquals(List.of("L1"), second.entries().stream().map(e -> e.item().kind()).toList());
        assertFalse(second.hasNextPage());
    }

    @Test
    void noSources_orEmptySources_giveAnEmptyLastPage() {
        Page<TimelineEntry> page = page(List.of(new ListSource("deal", List.of())), 20, null);

        assertTrue(page.entries().isEmpty());
        assertFalse(page.hasNextPage());
    }

    @Test
    void aCursorThatIsNotTheTimelines_isBadUserInputOnAfter() {
        String foreign = Cursor.encode("2026-01-01T00:00:00Z#c-1");

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> TimelineCursor.positions(Optional.of(Cursor.decode(foreign).get())));

        assertEquals("after", refused.problems().get(0).field());
        assertEquals("cursor", refused.problems().get(0).rule());
    }
}
