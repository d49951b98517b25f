package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * a team lead's leads are their team's; the region's pool is theirs to work by the
 * separate pool entry of access/policy.yaml. On the real engine.
 */
class TeamLeadLeadScopeTest {

    private final CoreServices services =
            LocalDynamo.shared().services(new AppClock(Clock.systemUTC()));
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String ownTeam = TestOrg.uniqueTeam();
    private final String otherTeam = TestOrg.uniqueTeam();

    @Test
    void teamLead_cannotReadOrWriteAnotherTeamsLead_butReadsAndWritesTheirOwnTeams() {
        // GIVEN one region with two teams, each with a rep holding one lead
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, ownTeam);
        Caller ownRep = TestOrg.member(services, Role.SALES_REP, region, ownTeam);
        Caller otherRep = TestOrg.member(services, Role.SALES_REP, region, otherTeam);
        Lead ofOwnTeam = assignedByAdmin(ingest(), ownRep);
        Lead ofOtherTeam = assignedByAdmin(ingest(), otherRep);

        // WHEN the team lead reads both, lists the region's leads, and tries to change both
        // THEN their own team's lead is readable, listed and assignable within the team
        assertEquals(ofOwnTeam.id(), services.leads().get(ofOwnTeam.id(), teamLead).id());
        assertEquals(
                List.of(ofOwnTeam.id()),
                services
                        .leads()
                        .list(LeadFilter.ALL.withRegion(region), PageRequest.of(50, null), teamLead)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList());
        assertEquals(
                teamLead.userId(),
                services.assignments()
                        .assignByHand(
                                ofOwnTeam.id(), teamLead.userId(), ofOwnTeam.version(), teamLead)
                        .ownerId());
        // AND the other team's lead does not exist for them: not readable, not changeable
        assertCode(ErrorCode.NOT_FOUND, () -> services.leads().get(ofOtherTeam.id(), teamLead));
        assertCode(
                ErrorCode.NOT_FOUND,
                () ->
                        services.assignments()
                                .assignByHand(
                                        ofOtherTeam.id(),
                                        ownRep.userId(),
                                        ofOtherTeam.version(),
                                        teamLead));
        assertCode(
                ErrorCode.NOT_FOUND,
                () -> services.leads().convert(ofOtherTeam.id(), ofOtherTeam.version(), teamLead));
        assertCode(
                ErrorCode.NOT_FOUND,
                () -> services.assignments().markViewed(ofOtherTeam.id(), teamLead));
        assertEquals(otherRep.userId(), services.leads().get(ofOtherTeam.id(), admin).ownerId());
    }

    @Test
    void teamLead_stillListsTheRegionsPool_andAssignsAPooledLeadToTheirRep() {
        // GIVEN a lead pooled because the region had no rep yet, then a team lead and rep arrive
        String pooledId = ingest();
        Lead pooled = services.assignments().assignNew(pooledId).orElseThrow();
        assertEquals(LeadStatus.UNASSIGNED, pooled.status());
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, ownTeam);
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, ownTeam);
        Caller elsewhere = TestOrg.member(services, Role.TEAM_LEAD, "elsewhere", otherTeam);

        // WHEN the team lead lists the region's pool and hands the lead to their rep
        List<String> listed =
                services
                        .assignments()
                        .unassigned(region, PageRequest.of(20, null), teamLead)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList();
        Lead pooledNow = services.leads().get(pooledId, teamLead);
        Lead assigned =
                services.assignments()
                        .assignByHand(pooledId, rep.userId(), pooledNow.version(), teamLead);

        // THEN the pool showed it, and the rep owns it now, in the team lead's team
        assertEquals(List.of(pooledId), listed);
        assertEquals(rep.userId(), assigned.ownerId());
        assertEquals(ownTeam, assigned.team());
        // AND a team lead of another region neither sees that pool nor the lead
        assertEquals(
                List.of(),
                services.assignments()
                        .unassigned(region, PageRequest.of(20, null), elsewhere)
                        .entries());
        assertCode(ErrorCode.NOT_FOUND, () -> services.leads().get(pooledId, elsewhere));
    }

    private Lead assignedByAdmin(String leadId, Caller rep) {
        Lead lead = services.leads().get(leadId, admin);
        return services.assignments().assignByHand(leadId, rep.userId(), lead.version(), admin);
    }

    private static void assertCode(ErrorCode expected, Runnable call) {
        CrmException refused = assertThrows(CrmException.class, call::run);
        assertEquals(expected, refused.code(), refused.getMessage());
    }

    private String ingest() {
        return TestLeads.ingest(services, admin, "website", region);
    }
}
