package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Role;
import org.opencrm.core.access.Scope;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.testing.TestCallers;

/** Row scope and period rules of the funnel, pure: no I/O. */
class FunnelSliceTest {

    private static Optional<String> teamOf(String user) {
        return Optional.ofNullable(Map.of("rep-a1", "east-a", "rep-b1", "east-b").get(user));
    }

    private static Caller caller(Role role, String id, String region, String team) {
        return TestCallers.named(id, role, region, team);
    }

    @Test
    void aRep_getsTheirOwnNumbers_whenAskingForNobodyInParticular() {
        Caller rep = caller(Role.SALES_REP, "rep-a1", "east", "east-a");

        FunnelSlice slice = FunnelSlice.within(Scope.OWN, rep, null, null, FunnelSliceTest::teamOf);

        assertEquals(new FunnelSlice(null, "rep-a1", null), slice);
    }

    @Test
    void aRep_askingForAnotherOwner_isForbidden() {
        Caller rep = caller(Role.SALES_REP, "rep-a1", "east", "east-a");

        assertThrows(
                ForbiddenException.class,
                () -> FunnelSlice.within(Scope.OWN, rep, null, "rep-b1", FunnelSliceTest::teamOf));
    }

    @Test
    void aTeamLead_getsTheWholeTeam_orOneRepOfIt_butNotARepOfAnotherTeam() {
        Caller lead = caller(Role.TEAM_LEAD, "lead-a", "east", "east-a");

        assertEquals(
                new FunnelSlice(null, null, "east-a"),
                FunnelSlice.within(Scope.TEAM, lead, null, null, FunnelSliceTest::teamOf));
        assertEquals(
                new FunnelSlice(null, "rep-a1", null),
                FunnelSlice.within(Scope.TEAM, lead, null, "rep-a1", FunnelSliceTest::teamOf));
        assertThrows(
                ForbiddenException.class,
                () ->
                        FunnelSlice.within(
                                Scope.TEAM, lead, null, "rep-b1", FunnelSliceTest::teamOf));
        assertThrows(
                ForbiddenException.class,
                () ->
                        FunnelSlice.within(
                                Scope.TEAM, lead, null, "nobody-known", FunnelSliceTest::teamOf));
    }

    @Test
    void aRegionManager_isPinnedToTheirRegion_andRefusedAnother() {
        Caller manager = caller(Role.REGION_MANAGER, "mgr-east", "east", null);

        assertEquals(
                new FunnelSlice("east", null, null),
                FunnelSlice.within(Scope.REGION, manager, null, null, FunnelSliceTest::teamOf));
        assertEquals(
                new FunnelSlice("east", "rep-b1", null),
                FunnelSlice.within(Scope.REGION, manager, null, "rep-b1", FunnelSliceTest::teamOf));
        assertThrows(
                ForbiddenException.class,
                () ->
                        FunnelSlice.within(
                                Scope.REGION, manager, "south", null, FunnelSliceTest::teamOf));
    }

    @Test
    void theWholeOrgScope_answersWhatWasAsked() {
        Caller director = caller(Role.OPS_DIRECTOR, "ops-1", null, null);

        assertEquals(
                new FunnelSlice("south", "rep-b1", null),
                FunnelSlice.within(
                        Scope.ALL, director, "south", "rep-b1", FunnelSliceTest::teamOf));
        assertEquals(
                new FunnelSlice(null, null, null),
                FunnelSlice.within(Scope.ALL, director, null, null, FunnelSliceTest::teamOf));
    }

    @Test
    void aPeriod_mustEndAfterItStarts_andSpanAtMost366Days() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        ValidationException backwards =
                assertThrows(
                        ValidationException.class,
                        () -> FunnelRules.checkPeriod(from, from.minusSeconds(1)));
        ValidationException tooLong =
                assertThrows(
                        ValidationException.class,
                        () -> FunnelRules.checkPeriod(from, Instant.parse("2027-01-02T00:00:01Z")));

        assertEquals(List.of("to:after"), rules(backwards));
        assertEquals(List.of("to:maxSpanDays"), rules(tooLong));
        assertEquals(366, tooLong.problems().get(0).limit());
        FunnelRules.checkPeriod(from, Instant.parse("2027-01-02T00:00:00Z"));
    }

    private static List<String> rules(ValidationException refused) {
        return refused.problems().stream()
                .map((FieldProblem problem) -> problem.field() + ":" + problem.rule())
                .toList();
    }
}
