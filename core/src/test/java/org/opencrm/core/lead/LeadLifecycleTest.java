package org.opencrm.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.LeadLifecycle.Action;

class LeadLifecycleTest {

    @Test
    void closedLeads_areExactlyConvertedAndDisqualified() {
        for (LeadStatus status : LeadStatus.values()) {
            boolean closed = status == LeadStatus.CONVERTED || status == LeadStatus.DISQUALIFIED;
            assertEquals(!closed, LeadLifecycle.isOpen(status), status.name());
        }
    }

    @Test
    void everyOpenLead_mayBeConvertedOrDisqualified_andNoClosedOneMay() {
        for (LeadStatus status : LeadStatus.values()) {
            boolean open = LeadLifecycle.isOpen(status);
            assertEquals(open, LeadLifecycle.allows(status, Action.CONVERT), status.name());
            assertEquals(open, LeadLifecycle.allows(status, Action.DISQUALIFY), status.name());
        }
        assertEquals(
                LeadStatus.DISQUALIFIED, LeadLifecycle.after(LeadStatus.WOKEN, Action.DISQUALIFY));
        assertEquals(LeadStatus.CONVERTED, LeadLifecycle.after(LeadStatus.NEW, Action.CONVERT));
    }

    @Test
    void aDepartingOwnersOpenLead_isHandedOverAsAssigned_orReturnedToThePool_neverAClosedOne() {
        for (LeadStatus status : LeadStatus.values()) {
            boolean open = LeadLifecycle.isOpen(status);
            assertEquals(open, LeadLifecycle.allows(status, Action.HAND_OVER), status.name());
            assertEquals(open, LeadLifecycle.allows(status, Action.RETURN_TO_POOL), status.name());
        }
        assertEquals(
                LeadStatus.ASSIGNED, LeadLifecycle.after(LeadStatus.CONTACTED, Action.HAND_OVER));
        assertEquals(
                LeadStatus.UNASSIGNED,
                LeadLifecycle.after(LeadStatus.WOKEN, Action.RETURN_TO_POOL));
    }

    @Test
    void onlyNewLeads_areAssignedOrPooledByTheReactor() {
        assertEquals(EnumSet.of(LeadStatus.NEW), EnumSet.copyOf(LeadLifecycle.from(Action.ASSIGN)));
        assertEquals(LeadStatus.ASSIGNED, LeadLifecycle.after(LeadStatus.NEW, Action.ASSIGN));
        assertEquals(LeadStatus.UNASSIGNED, LeadLifecycle.after(LeadStatus.NEW, Action.POOL));
        assertFalse(LeadLifecycle.allows(LeadStatus.UNASSIGNED, Action.ASSIGN));
    }

    @Test
    void firstContact_movesAssignedAndWokenOn_andLaterContactsKeepTheStatus() {
        assertEquals(
                LeadStatus.CONTACTED, LeadLifecycle.after(LeadStatus.ASSIGNED, Action.CONTACT));
        assertEquals(LeadStatus.CONTACTED, LeadLifecycle.after(LeadStatus.WOKEN, Action.CONTACT));
        assertEquals(
                LeadStatus.QUALIFIED, LeadLifecycle.after(LeadStatus.QUALIFIED, Action.CONTACT));
        assertEquals(
                LeadStatus.CONTACTED, LeadLifecycle.after(LeadStatus.CONTACTED, Action.CONTACT));
    }

    @Test
    void aPooledLead_mayBeAssignedByHand_butAClosedOneMayNot() {
        assertEquals(
                LeadStatus.ASSIGNED,
                LeadLifecycle.after(LeadStatus.UNASSIGNED, Action.ASSIGN_BY_HAND));
        assertFalse(LeadLifecycle.allows(LeadStatus.CONVERTED, Action.ASSIGN_BY_HAND));
    }

    @Test
    void refusal_namesTheStatusesThatAllowTheAction_andTheLeadsStatus() {
        FieldProblem problem =
                LeadLifecycle.refusal(LeadStatus.CONVERTED, Action.DISQUALIFY).orElseThrow();

        assertEquals("id", problem.field());
        assertEquals("leadStatus", problem.rule());
        assertEquals(
                "disqualify is allowed from NEW, UNASSIGNED, ASSIGNED, CONTACTED, WOKEN, QUALIFIED;"
                        + " the lead is CONVERTED",
                problem.message());
        assertEquals("NEW, UNASSIGNED, ASSIGNED, CONTACTED, WOKEN, QUALIFIED", problem.limit());
    }

    @Test
    void refusal_isEmpty_exactlyWhenTheActionIsAllowed() {
        for (Action action : Action.values()) {
            for (LeadStatus status : LeadStatus.values()) {
                assertEquals(
                        LeadLifecycle.allows(status, action),
                        LeadLifecycle.refusal(status, action).isEmpty(),
                        action + " from " + status);
            }
        }
    }

    @Test
    void require_answersBadUserInput_forARefusedTransition() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> LeadLifecycle.require(LeadStatus.DISQUALIFIED, Action.CONTACT));

        assertTrue(refused.problems().get(0).message().contains("the lead is DISQUALIFIED"));
    }
}
