package org.opencrm.core.leadwork;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.OpenLeadLedger;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Each rep's count of open leads ({@code LOAD#<user>} in the counters table), kept as a ledger: a
 * lead counts for its owner while it is open, and every write that changes the owner or closes the
 * lead carries the counts' ADDs in its own transaction (see {@link
 * org.opencrm.core.lead.LeadStore}). The one place these counters are read and moved.
 */
public final class RepLoads implements OpenLeadLedger {

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

    @Override
    public List<Update> moves(Lead before, Lead after, Long capacity) {
        String from = holderOf(before);
        String to = holderOf(after);
        if (Objects.equals(from, to)) {
            return List.of();
        }
        List<Update> moves = new ArrayList<>();
        if (from != null) {
            moves.add(counters.additionInTransaction(Keys.repLoad(from), -1, null));
        }
        if (to != null) {
            moves.add(counters.additionInTransaction(Keys.repLoad(to), 1, capacity));
        }
        return moves;
    }

    /** The rep a lead counts for: its owner while it is open, nobody once closed. */
    private static String holderOf(Lead lead) {
        return LeadLifecycle.isOpen(lead.status()) ? lead.ownerId() : null;
    }
}
