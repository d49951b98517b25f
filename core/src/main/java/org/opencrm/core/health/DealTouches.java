package org.opencrm.core.health;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealStore;

/** A customer's deals created or changed within the window, from its deals index. */
public final class DealTouches implements TouchSource {

    private final DealStore deals;

    public DealTouches(DealStore deals) {
        this.deals = deals;
    }

    @Override
    public Touches addTo(Touches touches, String customerId, Instant since) {
        List<Deal> ofCustomer = deals.ofCustomer(customerId);
        int count =
                (int) ofCustomer.stream().filter(deal -> !deal.updatedAt().isBefore(since)).count();
        Instant latest =
                ofCustomer.stream().map(Deal::updatedAt).max(Instant::compareTo).orElse(null);
        return touches.withDeals(count, latest);
    }
}
