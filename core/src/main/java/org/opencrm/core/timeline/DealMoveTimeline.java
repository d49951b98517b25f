package org.opencrm.core.timeline;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.core.access.Caller;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.deal.StageChange;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/**
 * The stage changes of the customer's deals (their history rows): the customer's deals from its
 * {@code byCustomer} partition, then their history partitions read side by side and merged.
 */
public final class DealMoveTimeline implements TimelineSource {

    public static final String NAME = "deal";
    public static final String KIND = "DEAL_STAGE";

    private final DealService deals;
    private final DealStore store;

    public DealMoveTimeline(DealService deals, DealStore store) {
        this.deals = deals;
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Page<TimelineEntry> page(String customerId, PageRequest page, Caller caller) {
        PageRequest everyDeal = new PageRequest(PageRequest.MAX_SIZE, Optional.empty());
        Map<String, Deal> readable =
                deals.ofCustomer(customerId, everyDeal, caller).entries().stream()
                        .map(Page.Entry::item)
                        .collect(Collectors.toMap(Deal::id, Function.identity()));
        return store.historyPage(readable.keySet().stream().sorted().toList(), page)
                .map(move -> entry(readable.get(move.dealId()), move.change()));
    }

    private static TimelineEntry entry(Deal deal, StageChange change) {
        String title = deal.title() + ": " + change.from() + " → " + change.to();
        String detail =
                StageChange.AUTOMATIC.equals(change.source())
                        ? "AUTOMATIC" + (change.reason() == null ? "" : ": " + change.reason())
                        : change.reason();
        return new TimelineEntry(change.at(), KIND, title, change.actorId(), deal.id(), detail);
    }
}
