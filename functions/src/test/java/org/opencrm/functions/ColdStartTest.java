package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ColdStartTest {

    private static final AtomicInteger INITIALISED = new AtomicInteger();

    /** A class whose initialisation this test can see. */
    static final class Counted {
        static {
            INITIALISED.incrementAndGet();
        }

        private Counted() {}
    }

    @Test
    void initialise_runsEachClassesStaticInitialiser_onceAndOnlyWhenRun() {
        // GIVEN a task naming a class its literal has loaded but not initialised
        Runnable task = ColdStart.initialise(Counted.class);
        assertEquals(0, INITIALISED.get());

        // WHEN the task runs twice
        task.run();
        task.run();

        // THEN the class was initialised once
        assertEquals(1, INITIALISED.get());
    }
}
