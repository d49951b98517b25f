package org.opencrm.core.report;

import java.util.Objects;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.store.Keys;

/**
 * What one revenue aggregate adds up: the facts of one kind of one owner, in their team and region
 * as the facts recorded them. The finest grain a report groups by; coarser rows are sums of these.
 *
 * @param region null when the fact had none
 * @param team null when the fact had none
 * @param ownerId null when the fact had none
 */
public record RevenueGroup(String region, String team, String ownerId, FactKind kind) {

    public RevenueGroup {
        Objects.requireNonNull(kind, "kind");
    }

    public static RevenueGroup of(MoneyFact fact) {
        return new RevenueGroup(fact.region(), fact.team(), fact.ownerId(), fact.kind());
    }

    /** The aggregate item's sort key within its month ({@link Keys#revenueGroup}). */
    public String sortKey() {
        return Keys.revenueGroup(region, team, ownerId, kind.name());
    }

    @Override
    public String toString() {
        return sortKey();
    }
}
