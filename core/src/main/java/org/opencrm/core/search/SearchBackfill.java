package org.opencrm.core.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.deal.DealFilter;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserStore;

/**
 * Indexes the records the search stream never saw: those written before search existed, or longer
 * ago than a stream keeps its records (24 h). Pages every customer, lead, deal and user through the
 * lists' own indexes (never a scan) and gives each to {@link SearchIndexer#index}, the same replace
 * the stream reactor does, so a rerun writes nothing new and a record changed meanwhile ends up as
 * it is now.
 *
 * <p>A run stops when its time is up and says where it stopped ({@link Position}); the next run
 * starts there, so a table of any size is indexed by a few runs of a Lambda's 15 minutes.
 */
public final class SearchBackfill {

    /** Records per read: a service's bulk read may use pages larger than a client's. */
    static final int PAGE = 500;

    /** The order types are indexed in, and a {@link Position} continues in. */
    private static final List<SearchType> ORDER =
            List.of(SearchType.CUSTOMER, SearchType.LEAD, SearchType.DEAL, SearchType.USER);

    private final SearchIndexer indexer;
    private final int pageSize;
    private final Map<SearchType, Function<PageRequest, Page<Optional<SearchDocument>>>> lists;

    public SearchBackfill(
            SearchIndexer indexer,
            CustomerStore customers,
            LeadStore leads,
            DealStore deals,
            UserStore users) {
        this(
                indexer,
                Map.of(
                        SearchType.CUSTOMER,
                        page ->
                                customers
                                        .list(CustomerFilter.none(), page)
                                        .map(SearchDocuments::of),
                        SearchType.LEAD,
                        page -> leads.list(LeadFilter.ALL, page).map(SearchDocuments::of),
                        SearchType.DEAL,
                        page ->
                                deals.list(DealFilter.of(null, null, null, null), page)
                                        .map(SearchDocuments::of),
                        SearchType.USER,
                        page -> users.list(UserFilter.none(), page).map(SearchDocuments::of)),
                PAGE);
    }

    private SearchBackfill(
            SearchIndexer indexer,
            Map<SearchType, Function<PageRequest, Page<Optional<SearchDocument>>>> lists,
            int pageSize) {
        this.indexer = indexer;
        this.lists = lists;
        this.pageSize = pageSize;
    }

    /** The same backfill reading smaller pages: a test pages a handful as a run pages thousands. */
    SearchBackfill withPageSize(int size) {
        return new SearchBackfill(indexer, lists, size);
    }

    /** Where a run continues: a record type and the cursor after the last record indexed. */
    public record Position(SearchType type, String after) {

        public static Position start() {
            return new Position(ORDER.get(0), null);
        }
    }

    /**
     * What a run did: records read and indexed (archived customers are not searchable and not
     * read), and where to continue, empty when every type is done.
     */
    public record Progress(int records, Optional<Position> next) {}

    /**
     * Indexes from {@code from} on, type after type, while {@code timeLeft} says so (asked after
     * each page, so a run overruns its budget by at most one page).
     */
    public Progress run(Position from, BooleanSupplier timeLeft) {
        int records = 0;
        String after = from.after();
        for (int next = ORDER.indexOf(from.type()); next < ORDER.size(); next++) {
            SearchType type = ORDER.get(next);
            do {
                Page<Optional<SearchDocument>> page =
                        lists.get(type).apply(new PageRequest(pageSize, Cursor.decode(after)));
                records += index(page);
                after = page.hasNextPage() && !page.entries().isEmpty() ? lastCursor(page) : null;
                if (after != null && !timeLeft.getAsBoolean()) {
                    return new Progress(records, Optional.of(new Position(type, after)));
                }
            } while (after != null);
            if (next + 1 < ORDER.size() && !timeLeft.getAsBoolean()) {
                return new Progress(records, Optional.of(new Position(ORDER.get(next + 1), null)));
            }
        }
        return new Progress(records, Optional.empty());
    }

    private int index(Page<Optional<SearchDocument>> page) {
        for (Page.Entry<Optional<SearchDocument>> entry : page.entries()) {
            entry.item().ifPresent(indexer::index);
        }
        return page.entries().size();
    }

    private static String lastCursor(Page<?> page) {
        return page.entries().get(page.entries().size() - 1).cursor();
    }
}
