package org.opencrm.core.timeline;

import java.util.List;
import java.util.Map;
import org.opencrm.core.access.Caller;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * A customer's story newest first with one cursor: each source's page after its own position,
 * merged. The sources are asked one after another: each reads its own partitions side by side
 * through {@code ParallelReads}, whose pool must not wait on itself.
 */
public final class CustomerTimeline {

    private final List<TimelineSource> sources;

    public CustomerTimeline(List<TimelineSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public Page<TimelineEntry> of(String customerId, PageRequest page, Caller caller) {
        Map<String, String> positions = TimelineCursor.positions(page.afterSortKey());
        List<TimelineMerge.SourcePage> pages =
                sources.stream()
                        .map(
                                source ->
                                        new TimelineMerge.SourcePage(
                                                source.name(),
                                                source.page(
                                                        customerId,
                                                        TimelineCursor.requestFor(
                                                                source.name(),
                                                                positions,
                                                                page.first()),
                                                        caller)))
                        .toList();
        return TimelineMerge.merge(pages, positions, page.first());
    }
}
