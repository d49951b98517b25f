package org.opencrm.core.leadwork;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.store.Keys;

/**
 * Each rep's count of open leads ({@code LOAD#<user>} in the counters table). The count follows the
 * lead's owner wherever the owner changes; it steers assignment and caps it at the rep's capacity,
 * it is not a ledger. The one place these counters are read and moved.
 */
final class RepLoads {

    private final CounterStore counters;

    RepLoads(CounterStore counters) {
        this.counters = counters;
    }

    /** The reps' loads now (0 for a rep with none), in one batch read. */
    Map<String, Long> of(Collection<String> repIds) {
        Map<String, Long> byKey = counters.totals(repIds.stream().map(Keys::repLoad).toList());
        return repIds.stream()
                .distinct()
                .collect(Collectors.toMap(id -> id, id -> byKey.get(Keys.repLoad(id))));
    }

    /**
     * One more lead for the rep, unless that would pass their capacity: true when taken. The
     * counter's condition decides, so reps in many containers are never over-filled.
     */
    boolean take(String repId, long capacity) {
        return counters.addStanding(Keys.repLoad(repId), 1, capacity);
    }

    /** Gives back a lead {@link #take taken} for a write that then lost its race. */
    void release(String repId) {
        counters.addStanding(Keys.repLoad(repId), -1, null);
    }

    /**
     * The lead's owner changed: its load leaves one rep and joins the other (either may be none).
     */
    void move(String fromRepId, String toRepId) {
        if (Objects.equals(fromRepId, toRepId)) {
            return;
        }
        if (fromRepId != null) {
            release(fromRepId);
        }
        if (toRepId != null) {
            counters.addStanding(Keys.repLoad(toRepId), 1, null);
        }
    }
}
