package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;

/** Reps' open-lead counts, on the real embedded DynamoDB Local engine. */
class RepLoadsTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CounterStore counters = new CounterStore(dynamo.client(), dynamo.tables());
    private final RepLoads loads = new RepLoads(counters);
    private final String ana = "rep-" + UUID.randomUUID();
    private final String bo = "rep-" + UUID.randomUUID();

    private long loadOf(String rep) {
        return counters.total(Keys.repLoad(rep));
    }

    @Test
    void move_takesTheLeadOffTheOldOwner_andOntoTheNewOne() {
        // GIVEN ana carries two leads
        loads.take(ana, 10);
        loads.take(ana, 10);

        // WHEN one of them moves to bo
        loads.move(ana, bo);

        // THEN ana carries one and bo one
        assertEquals(1, loadOf(ana));
        assertEquals(1, loadOf(bo));
    }

    @Test
    void move_toTheSameOwner_changesNoLoad() {
        loads.take(ana, 10);

        loads.move(ana, ana);

        assertEquals(1, loadOf(ana));
    }

    @Test
    void move_toNobody_releasesTheLoad_andFromNobodyAddsIt() {
        loads.take(ana, 10);

        loads.move(ana, null);
        loads.move(null, bo);

        assertEquals(0, loadOf(ana));
        assertEquals(1, loadOf(bo));
    }

    @Test
    void take_refusesALeadPastTheRepsCapacity() {
        // GIVEN ana with a capacity of two, carrying two
        assertTrue(loads.take(ana, 2));
        assertTrue(loads.take(ana, 2));

        // WHEN a third would be taken
        boolean taken = loads.take(ana, 2);

        // THEN it is refused and her load stays at two
        assertFalse(taken);
        assertEquals(2, loadOf(ana));
    }

    @Test
    void release_givesBackATakenLead() {
        loads.take(ana, 5);

        loads.release(ana);

        assertEquals(0, loadOf(ana));
    }

    @Test
    void of_readsEachRepsLoad_zeroForARepWithNone() {
        loads.take(ana, 5);

        assertEquals(Map.of(ana, 1L, bo, 0L), loads.of(List.of(ana, bo)));
    }
}
