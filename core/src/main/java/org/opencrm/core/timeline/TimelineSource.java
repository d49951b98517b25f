package org.opencrm.core.timeline;

import org.opencrm.core.access.Caller;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * One independent stream of a customer's timeline (deal moves, lead events; activities and tickets
 * later): a newest-first page of its own entries after its own cursor, within the caller's row
 * scope. The timeline merges the sources' pages, so adding one is a class and a line of wiring.
 */
public interface TimelineSource {

    /** A short stable name: it keys this source's position inside the timeline's one cursor. */
    String name();

    /**
     * The customer's entries of this source the caller may read, newest first, each with the
     * source's own cursor. The caller may see the customer; each record read is checked again.
     */
    Page<TimelineEntry> page(String customerId, PageRequest page, Caller caller);
}
