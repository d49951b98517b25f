package org.opencrm.core.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.paging.Page;

/**
 * Merges the sources' newest-first pages into one newest-first page of at most {@code first}
 * entries, each with the timeline cursor that continues right after it. Pure.
 */
public final class TimelineMerge {

    /** One source's page, as it answered for the positions it was given. */
    public record SourcePage(String source, Page<TimelineEntry> page) {}

    private TimelineMerge() {}

    /**
     * @param positions where each source stood before this page (from the client's cursor)
     */
    public static Page<TimelineEntry> merge(
            List<SourcePage> pages, Map<String, String> positions, int first) {
        Map<String, String> current = new LinkedHashMap<>(positions);
        int[] taken = new int[pages.size()];
        List<Page.Entry<TimelineEntry>> entries = new ArrayList<>();
        while (entries.size() < first) {
            int newest = newestHead(pages, taken);
            if (newest < 0) {
                break;
            }
            SourcePage from = pages.get(newest);
            Page.Entry<TimelineEntry> entry = from.page().entries().get(taken[newest]);
            taken[newest]++;
            current.put(from.source(), entry.cursor());
            entries.add(new Page.Entry<>(entry.item(), TimelineCursor.encode(current)));
        }
        return new Page<>(entries, anyLeft(pages, taken));
    }

    /** The source whose next entry is the newest; ties go to the earlier source. -1: none left. */
    private static int newestHead(List<SourcePage> pages, int[] taken) {
        int newest = -1;
        for (int i = 0; i < pages.size(); i++) {
            List<Page.Entry<TimelineEntry>> entries = pages.get(i).page().entries();
            if (taken[i] >= entries.size()) {
                continue;
            }
            if (newest < 0 || at(entries.get(taken[i])).isAfter(at(headOf(pages, taken, newest)))) {
                newest = i;
            }
        }
        return newest;
    }

    private static Page.Entry<TimelineEntry> headOf(List<SourcePage> pages, int[] taken, int i) {
        return pages.get(i).page().entries().get(taken[i]);
    }

    private static java.time.Instant at(Page.Entry<TimelineEntry> entry) {
        return entry.item().at();
    }

    private static boolean anyLeft(List<SourcePage> pages, int[] taken) {
        for (int i = 0; i < pages.size(); i++) {
            Page<TimelineEntry> page = pages.get(i).page();
            if (taken[i] < page.entries().size() || page.hasNextPage()) {
                return true;
            }
        }
        return false;
    }
}
