package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserStatus;

class SlaLadderTest {

    private static final AssignmentSettings SETTINGS = AssignmentSettings.DEFINITION.defaults();
    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    private static final User TEAM_LEAD =
            User.builder()
                    .id("tl")
                    .version(1)
                    .name("TL")
                    .role(Role.TEAM_LEAD)
                    .region("east")
                    .team("t1")
                    .status(UserStatus.ACTIVE)
                    .decay(1.0)
                    .capacity(50)
                    .createdAt(START)
                    .updatedAt(START)
                    .build();

    @Test
    void view_notViewed_flagsRedCutsTheWeightExcludesTheOwner_andReturnsTheLeadToNew() {
        Lead lead = assigned(LeadWork.VIEW, null, null);

        Lead next = SlaLadder.next(lead, SETTINGS, TEAM_LEAD).apply(lead, START.plusSeconds(7_300));

        assertEquals(LeadStatus.NEW, next.status());
        assertNull(next.ownerId());
        assertTrue(next.work().flaggedRed());
        assertEquals(0.7, next.work().scoreFactor(), 1e-9);
        assertEquals(List.of("rep1"), next.work().excludedOwners());
        assertEquals(LeadWork.CONTACT, next.work().slaStep());
        assertEquals(START.plus(Duration.ofHours(24)), next.work().slaDueAt());
        assertTrue(next.work().lastSlaStep().startsWith("VIEW_MISSED"));
    }

    @Test
    void view_alreadyViewed_justMovesTheLadderOn() {
        Lead lead = assigned(LeadWork.VIEW, START.plusSeconds(60), null);

        Lead next = SlaLadder.next(lead, SETTINGS, TEAM_LEAD).apply(lead, START.plusSeconds(7_300));

        assertEquals("rep1", next.ownerId());
        assertEquals(LeadStatus.ASSIGNED, next.status());
        assertEquals("VIEW_OK", next.work().lastSlaStep());
        assertEquals(LeadWork.CONTACT, next.work().slaStep());
    }

    @Test
    void contact_missed_transfersToTheTeamLead_andSchedulesTheWakeUp() {
        Lead lead = assigned(LeadWork.CONTACT, START.plusSeconds(60), null);

        Lead next =
                SlaLadder.next(lead, SETTINGS, TEAM_LEAD)
                        .apply(lead, START.plus(Duration.ofHours(25)));

        assertEquals("tl", next.ownerId());
        assertEquals("t1", next.team());
        assertEquals(LeadWork.WAKE, next.work().slaStep());
        assertEquals(START.plus(Duration.ofDays(3)), next.work().slaDueAt());
    }

    @Test
    void contact_made_endsTheLadder() {
        Lead lead = assigned(LeadWork.CONTACT, START.plusSeconds(60), START.plusSeconds(120));

        Lead next =
                SlaLadder.next(lead, SETTINGS, TEAM_LEAD)
                        .apply(lead, START.plus(Duration.ofHours(25)));

        assertEquals(LeadWork.DONE, next.work().slaStep());
        assertNull(next.work().slaDueAt());
        assertEquals("CONTACT_OK", next.work().lastSlaStep());
    }

    @Test
    void wake_withoutContact_wakesTheLead() {
        Lead lead = assigned(LeadWork.WAKE, null, null);

        Lead next =
                SlaLadder.next(lead, SETTINGS, TEAM_LEAD)
                        .apply(lead, START.plus(Duration.ofHours(73)));

        assertEquals(LeadStatus.WOKEN, next.status());
        assertEquals(LeadWork.DONE, next.work().slaStep());
        assertTrue(next.work().lastSlaStep().startsWith("WOKEN"));
    }

    @Test
    void durations_comeFromTheConfiguration() {
        AssignmentSettings quick =
                AssignmentSettings.DEFINITION.parse(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .createObjectNode()
                                .put("viewWithinMinutes", 30)
                                .put("contactWithinHours", 6));
        Lead lead = assigned(LeadWork.VIEW, null, null);

        Lead next =
                SlaLadder.next(lead, quick, TEAM_LEAD)
                        .apply(lead, START.plus(Duration.ofMinutes(31)));

        assertEquals(START.plus(Duration.ofHours(6)), next.work().slaDueAt());
        assertTrue(next.work().lastSlaStep().contains("30 min"), next.work().lastSlaStep());
    }

    @Test
    void settings_refuseALadderOutOfOrder() {
        var refused =
                org.junit.jupiter.api.Assertions.assertThrows(
                        org.opencrm.core.error.ValidationException.class,
                        () ->
                                AssignmentSettings.DEFINITION.parse(
                                        new com.fasterxml.jackson.databind.ObjectMapper()
                                                .createObjectNode()
                                                .put("contactWithinHours", 100)));

        assertEquals("value.contactWithinHours", refused.problems().get(0).field());
        assertEquals("order", refused.problems().get(0).rule());
    }

    private static Lead assigned(int step, Instant viewedAt, Instant contactedAt) {
        LeadWork work =
                LeadWork.builder()
                        .flaggedRed(false)
                        .slaStep(step)
                        .slaDueAt(START.plusSeconds(1))
                        .firstAssignedAt(START)
                        .assignedAt(START)
                        .viewedAt(viewedAt)
                        .contactedAt(contactedAt)
                        .scoreFactor(1.0)
                        .excludedOwners(List.of())
                        .contactCount(0)
                        .build();
        LeadFields fields =
                LeadFields.builder().name("n").phone("+8613800000000").region("east").build();
        return Lead.builder()
                .id("lead-1")
                .version(3)
                .channel("website")
                .status(LeadStatus.ASSIGNED)
                .fields(fields)
                .raw("{}")
                .ownerId("rep1")
                .team("t1")
                .createdAt(START)
                .updatedAt(START)
                .lastIntakeAt(START)
                .work(work)
                .build();
    }
}
