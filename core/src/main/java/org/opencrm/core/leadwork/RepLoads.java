package org.opencrm.core.leadwork;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.store.Keys;

/**
 * Each rep's count of open leads ({@code LOAD#<user>} in the counters table), read and corrected;
 * {@link LeadLedger} moves them in each lead write's own transaction.
 */
public final class RepLoads {

    private final CounterStore counters;

    public RepLoads(CounterStore counters) {
        this.counters = counters;
    }

    /** The reps' open-lead counts now (0 for a rep with none), in one batch read. */
    public Map<String, Long> of(Collection<String> repIds) {
        Map<String, Long> byKey = counters.totals(repIds.stream().map(Keys::repLoad).toList());
        return repIds.stream()
                .distinct()
                .collect(Collectors.toMap(id -> id, id -> byKey.get(Keys.repLoad(id))));
    }

    /**
     * Sets the rep's count to {@code counted}, only while it still holds {@code ledger}: every
     * ledger transaction ADDs to it, so one that committed since {@code ledger} was read makes the
     * correction fail rather than be overwritten. True when corrected.
     */
    public boolean correct(String repId, long ledger, long counted) {
        return counters.setIfUnchanged(Keys.repLoad(repId), ledger, counted);
    }
}
