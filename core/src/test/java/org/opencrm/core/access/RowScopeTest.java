package org.opencrm.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.user.UserFilter;

/** Narrowing a list filter to the caller's read scope: the one definition, pinned. */
class RowScopeTest {

    private static final Caller TEAM_LEAD =
            TestCallers.named("lead-1", Role.TEAM_LEAD, "south", "red");
    private static final Caller TEAM_LEAD_WITHOUT_TEAM =
            TestCallers.named("lead-2", Role.TEAM_LEAD, "south", null);
    private static final Caller REP = TestCallers.named("rep-1", Role.SALES_REP, "south", "red");

    @Test
    void team_pinsTheListToTheCallersTeam_keepingTheRestOfTheFilter() {
        // GIVEN a team lead asking for their team's customers at one stage
        CustomerFilter asked = CustomerFilter.none().withArchived(false);
        CustomerFilter atStage = CustomerFilter.builder().stage(CustomerStage.SIGNED).build();

        // WHEN row scope narrows it
        Optional<CustomerFilter> scoped = RowScope.narrow(atStage, Scope.TEAM, TEAM_LEAD);

        // THEN the list reads their team at that stage
        assertEquals(Optional.of(atStage.withTeam("red")), scoped);
        assertEquals(
                Optional.of(asked.withTeam("red")), RowScope.narrow(asked, Scope.TEAM, TEAM_LEAD));
    }

    @Test
    void team_askingForTheCallersOwnTeam_readsIt() {
        CustomerFilter ownTeam = CustomerFilter.none().withTeam("red");

        assertEquals(Optional.of(ownTeam), RowScope.narrow(ownTeam, Scope.TEAM, TEAM_LEAD));
    }

    @Test
    void team_askingForAnotherTeam_readsNothing_forCustomersLeadsAndUsersAlike() {
        // GIVEN a team lead of team red asking each list for team blue
        // THEN every list reads nothing: neither refused nor silently turned into team red
        assertEquals(
                Optional.empty(),
                RowScope.narrow(CustomerFilter.none().withTeam("blue"), Scope.TEAM, TEAM_LEAD));
        assertEquals(
                Optional.empty(),
                RowScope.narrow(LeadFilter.ALL.withTeam("blue"), Scope.TEAM, TEAM_LEAD));
        assertEquals(
                Optional.empty(),
                RowScope.narrow(UserFilter.none().withTeam("blue"), Scope.TEAM, TEAM_LEAD));
    }

    @Test
    void team_ofACallerWithoutATeam_readsNothing() {
        assertEquals(
                Optional.empty(),
                RowScope.narrow(CustomerFilter.none(), Scope.TEAM, TEAM_LEAD_WITHOUT_TEAM));
        assertEquals(
                Optional.empty(),
                RowScope.narrow(UserFilter.none(), Scope.TEAM, TEAM_LEAD_WITHOUT_TEAM));
    }

    @Test
    void team_narrowsLeadsAndUsersToTheTeam_likeCustomers() {
        assertEquals(
                Optional.of(LeadFilter.ALL.withTeam("red")),
                RowScope.narrow(LeadFilter.ALL, Scope.TEAM, TEAM_LEAD));
        assertEquals(
                Optional.of(UserFilter.none().withTeam("red")),
                RowScope.narrow(UserFilter.none(), Scope.TEAM, TEAM_LEAD));
    }

    @Test
    void own_pinsTheOwner_andAnotherOwnerReadsNothing() {
        assertEquals(
                Optional.of(CustomerFilter.none().withOwner("rep-1")),
                RowScope.narrow(CustomerFilter.none(), Scope.OWN, REP));
        assertEquals(
                Optional.empty(),
                RowScope.narrow(CustomerFilter.none().withOwner("rep-9"), Scope.OWN, REP));
    }

    @Test
    void region_pinsTheRegion_andAnotherRegionReadsNothing() {
        assertEquals(
                Optional.of(LeadFilter.ALL.withRegion("south")),
                RowScope.narrow(LeadFilter.ALL, Scope.REGION, TEAM_LEAD));
        assertEquals(
                Optional.empty(),
                RowScope.narrow(LeadFilter.ALL.withRegion("north"), Scope.REGION, TEAM_LEAD));
    }

    @Test
    void served_pinsTheServiceAgent_andReachesNoLeadOrUserList() {
        assertEquals(
                Optional.of(CustomerFilter.none().withServiceAgent("rep-1")),
                RowScope.narrow(CustomerFilter.none(), Scope.SERVED, REP));
        assertEquals(Optional.empty(), RowScope.narrow(LeadFilter.ALL, Scope.SERVED, REP));
        assertEquals(Optional.empty(), RowScope.narrow(UserFilter.none(), Scope.SERVED, REP));
    }

    @Test
    void all_readsAsAsked_andNoneReadsNothing() {
        CustomerFilter asked = CustomerFilter.none().withOwner("rep-9").withRegion("north");

        assertEquals(Optional.of(asked), RowScope.narrow(asked, Scope.ALL, REP));
        assertEquals(Optional.empty(), RowScope.narrow(asked, Scope.NONE, REP));
    }

    @Test
    void reaches_aRecordOfTheCallersTeam_andNoOtherTeamsRecord() {
        // the single-record check uses the same definition as the lists
        assertTrue(new Ownership("rep-9", "red", "north", null).within(Scope.TEAM, TEAM_LEAD));
        assertFalse(new Ownership("rep-9", "blue", "south", null).within(Scope.TEAM, TEAM_LEAD));
        assertFalse(
                new Ownership("rep-9", null, "south", null)
                        .within(Scope.TEAM, TEAM_LEAD_WITHOUT_TEAM));
    }
}
