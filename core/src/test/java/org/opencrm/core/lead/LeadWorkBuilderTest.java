package org.opencrm.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated builder keeps what the hand-written one promised: defaults and whole copies. */
class LeadWorkBuilderTest {

    private static final Instant ASSIGNED = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void builder_startsTheScoreFactorAtOne_whenTheScoreFactorIsNotNamed() {
        // GIVEN a work state that names its step but not its score factor
        LeadWork work = LeadWork.builder().slaStep(LeadWork.VIEW).build();

        // THEN the lead weighs in full, as before any red flag
        assertEquals(1.0, work.scoreFactor(), 0.0);
        assertEquals(List.of(), work.excludedOwners());
    }

    @Test
    void toBuilder_keepsEveryOtherComponent_whenOneIsChanged() {
        // GIVEN a flagged, half-worked lead
        LeadWork flagged =
                LeadWork.builder()
                        .flaggedRed(true)
                        .slaStep(LeadWork.CONTACT)
                        .assignedAt(ASSIGNED)
                        .scoreFactor(0.7)
                        .excludedOwners(List.of("rep-1"))
                        .contactCount(2)
                        .lastContact("call")
                        .build();

        // WHEN only its last contact changes
        LeadWork changed = flagged.toBuilder().lastContact("wechat").build();

        // THEN the rest is carried over as it was
        assertEquals("wechat", changed.lastContact());
        assertTrue(changed.flaggedRed());
        assertEquals(LeadWork.CONTACT, changed.slaStep());
        assertEquals(ASSIGNED, changed.assignedAt());
        assertEquals(0.7, changed.scoreFactor(), 0.0);
        assertEquals(List.of("rep-1"), changed.excludedOwners());
        assertEquals(2, changed.contactCount());
        assertNull(changed.viewedAt());
    }
}
