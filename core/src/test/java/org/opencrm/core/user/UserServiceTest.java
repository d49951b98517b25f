package org.opencrm.core.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.ForbiddenFieldException;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestOrg;

/** Users and their status on the real embedded DynamoDB Local engine. */
class UserServiceTest {

    private static final UserInput NO_CHANGE = UserInput.builder().build();

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final UserService users = services.users();
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);

    private static String freshId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static UserInput rep(String id, String name, String region, String team) {
        return UserInput.builder()
                .id(id)
                .name(name)
                .role("SALES_REP")
                .region(region)
                .team(team)
                .build();
    }

    private Set<String> listedIds(UserFilter filter, Caller caller) {
        return users.list(filter, PageRequest.of(100, null), caller).entries().stream()
                .map(entry -> entry.item().id())
                .collect(Collectors.toSet());
    }

    @Test
    void create_thenGetAsAdmin_returnsTheStoredActiveUser() {
        // GIVEN an admin creating a rep
        String id = freshId("u");
        users.create(
                UserInput.builder()
                        .id(id)
                        .name("Wang Fang")
                        .email("Wang.Fang@Example.com")
                        .role("SALES_REP")
                        .region(region)
                        .team(team)
                        .build(),
                admin);

        // WHEN the admin reads the user back
        User read = users.get(id, admin);

        // THEN it holds what was sent, is ACTIVE and at version 1
        assertEquals("Wang Fang", read.name());
        assertEquals("wang.fang@example.com", read.email());
        assertEquals(Role.SALES_REP, read.role());
        assertEquals(region, read.region());
        assertEquals(team, read.team());
        assertEquals(UserStatus.ACTIVE, read.status());
        assertEquals(1, read.version());
    }

    @Test
    void create_withAnIdThatIsTaken_isRefusedWithRuleUnique_andTheFirstUserIsKept() {
        // GIVEN a user with a given id
        String id = freshId("u");
        users.create(rep(id, "First", region, team), admin);

        // WHEN another user is created with the same id
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> users.create(rep(id, "Second", region, team), admin));

        // THEN it is refused on the id with rule unique, and the first user is unchanged
        FieldProblem problem = refused.problems().get(0);
        assertEquals("id", problem.field());
        assertEquals("unique", problem.rule());
        assertEquals("First", users.get(id, admin).name());
    }

    @Test
    void teamLead_changingAUserOutsideTheirTeam_isNotFound_insideTheTeam_isForbidden() {
        // GIVEN a team lead, a rep of their team and a rep of another team
        Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Caller member = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller outsider = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

        // WHEN the lead tries to change each of them
        // THEN the outsider is outside the lead's read scope: NOT_FOUND, for update and suspend
        // alike
        assertThrows(
                NotFoundException.class, () -> users.update(outsider.userId(), 1, NO_CHANGE, lead));
        assertThrows(
                NotFoundException.class, () -> users.suspend(outsider.userId(), "no reason", lead));
        // AND the team member is visible but a lead manages no users: FORBIDDEN
        assertThrows(
                ForbiddenException.class, () -> users.update(member.userId(), 1, NO_CHANGE, lead));
        assertThrows(
                ForbiddenException.class, () -> users.suspend(member.userId(), "no reason", lead));
        // AND nothing changed
        assertEquals(1, users.find(member.userId()).version());
        assertEquals(UserStatus.ACTIVE, users.find(member.userId()).status());
        assertEquals(UserStatus.ACTIVE, users.find(outsider.userId()).status());
    }

    @Test
    void teamLead_namingUserFields_isRefusedWhole_andNothingChanges() {
        // GIVEN a team lead and a rep of their team
        Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Caller member = TestOrg.member(services, Role.SALES_REP, region, team);

        // WHEN the lead tries to rename and promote the rep
        ForbiddenFieldException refused =
                assertThrows(
                        ForbiddenFieldException.class,
                        () ->
                                users.update(
                                        member.userId(),
                                        1,
                                        UserInput.builder()
                                                .name("Promoted")
                                                .role("TEAM_LEAD")
                                                .build(),
                                        lead));

        // THEN both fields are named and the user is unchanged
        assertEquals(List.of("name", "role"), refused.fields());
        User unchanged = users.find(member.userId());
        assertEquals(Role.SALES_REP, unchanged.role());
        assertEquals(1, unchanged.version());
    }

    @Test
    void teamLead_readsTeamMembers_butNotOthers() {
        // GIVEN a lead, a member of their team and a user of another team
        Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Caller member = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller outsider = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

        // WHEN / THEN the member is readable, the outsider is NOT_FOUND
        assertEquals(member.userId(), users.get(member.userId(), lead).id());
        assertThrows(NotFoundException.class, () -> users.get(outsider.userId(), lead));
    }

    @Test
    void suspend_makesAuthenticateRefuseTheUser() {
        // GIVEN an active rep whose token works
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        users.authenticate(rep);

        // WHEN an admin suspends them
        users.suspend(rep.userId(), "left the laptop unlocked", admin);

        // THEN their token is refused
        assertThrows(UnauthenticatedException.class, () -> users.authenticate(rep));
        assertEquals(UserStatus.SUSPENDED, users.find(rep.userId()).status());
    }

    @Test
    void reinstate_letsTheUserIn_withRoleRegionAndTeamFromTheRecord_notFromTheClaim() {
        // GIVEN a suspended rep
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        users.suspend(rep.userId(), "investigation", admin);

        // WHEN an admin reinstates them and they present a token claiming to be an admin elsewhere
        users.reinstate(rep.userId(), admin);
        Caller claimed =
                Caller.builder()
                        .userId(rep.userId())
                        .role(Role.ADMIN)
                        .region("elsewhere")
                        .team("other-team")
                        .requestId("req-claim")
                        .sourceIp("10.1.2.3")
                        .build();
        Caller authenticated = users.authenticate(claimed);

        // THEN they are let in as what the users table says they are
        assertEquals(rep.userId(), authenticated.userId());
        assertEquals(Role.SALES_REP, authenticated.role());
        assertEquals(region, authenticated.region());
        assertEquals(team, authenticated.team());
        assertEquals("req-claim", authenticated.requestId());
        assertEquals(UserStatus.ACTIVE, users.find(rep.userId()).status());
    }

    @Test
    void authenticate_refusesAUserThatDoesNotExist() {
        // GIVEN a token for nobody in the org
        Caller ghost =
                Caller.builder()
                        .userId(freshId("ghost"))
                        .role(Role.ADMIN)
                        .requestId("req-1")
                        .sourceIp("10.0.0.1")
                        .build();

        // WHEN / THEN it is refused
        assertThrows(UnauthenticatedException.class, () -> users.authenticate(ghost));
    }

    @Test
    void authenticate_withAStatusCache_seesTheContainersOwnSuspensionAtOnce() {
        // GIVEN a container that caches user status for ten minutes, and a rep it has just let in
        CoreServices container =
                CoreServices.build(
                        dynamo.client(),
                        dynamo.tables(),
                        Clock.systemUTC(),
                        Duration.ofMinutes(10),
                        LocalDynamo.demoSecrets());
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        container.users().authenticate(rep);

        // WHEN that same container suspends the rep
        container.users().suspend(rep.userId(), "breach", admin);

        // THEN it refuses the rep's token at once, without waiting for its cache
        assertThrows(UnauthenticatedException.class, () -> container.users().authenticate(rep));
    }

    @Test
    void authenticate_inAnotherContainer_refusesASuspendedUser_onceTheStatusCacheTtlHasPassed()
            throws Exception {
        // GIVEN a container caching user status for 200 ms that has just let a rep in
        CoreServices container =
                CoreServices.build(
                        dynamo.client(),
                        dynamo.tables(),
                        Clock.systemUTC(),
                        Duration.ofMillis(200),
                        LocalDynamo.demoSecrets());
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        container.users().authenticate(rep);

        // WHEN another container suspends the rep and the TTL passes
        users.suspend(rep.userId(), "breach", admin);
        Thread.sleep(400);

        // THEN the first container refuses the rep too
        assertThrows(UnauthenticatedException.class, () -> container.users().authenticate(rep));
    }

    @Test
    void list_teamLeadSeesExactlyTheirTeam() {
        // GIVEN a unique team of a lead and two reps, and a rep of another team in the same region
        Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Caller repA = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller repB = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller outsider = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

        // WHEN the lead lists users without a filter
        Set<String> listed = listedIds(UserFilter.none(), lead);

        // THEN exactly the team is listed
        assertEquals(Set.of(lead.userId(), repA.userId(), repB.userId()), listed);
        // AND asking for another team gives nothing rather than that team
        assertEquals(Set.of(), listedIds(UserFilter.none().withTeam(outsider.team()), lead));
    }

    @Test
    void list_regionManagerSeesExactlyTheirRegion() {
        // GIVEN users of two teams in a unique region and a user of another region
        Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
        Caller repA = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller repB = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());
        TestOrg.member(
                services, Role.SALES_REP, "r" + UUID.randomUUID().toString().substring(0, 8), team);

        // WHEN the manager lists users
        Set<String> listed = listedIds(UserFilter.none(), manager);

        // THEN exactly the region's users are listed
        assertEquals(Set.of(manager.userId(), repA.userId(), repB.userId()), listed);
    }

    @Test
    void list_salesRepSeesOnlyThemself() {
        // GIVEN a rep with a teammate
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        TestOrg.member(services, Role.SALES_REP, region, team);

        // WHEN the rep lists users, with and without a team filter
        // THEN only they are listed
        assertEquals(Set.of(rep.userId()), listedIds(UserFilter.none(), rep));
        assertEquals(Set.of(rep.userId()), listedIds(UserFilter.none().withTeam(team), rep));
    }

    @Test
    void update_withAStaleExpectedVersion_isAVersionConflict_andKeepsTheNewerChange() {
        // GIVEN a user an admin renamed once (now at version 2)
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        users.update(rep.userId(), 1, UserInput.builder().name("Renamed").build(), admin);

        // WHEN another admin edits the version-1 copy
        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () ->
                                users.update(
                                        rep.userId(),
                                        1,
                                        UserInput.builder().name("Stale").build(),
                                        admin));

        // THEN the conflict names version 2 and the newer name is kept
        assertEquals(2, conflict.currentVersion());
        assertEquals("Renamed", users.find(rep.userId()).name());
    }

    @Test
    void suspend_anAdminCannotSuspendThemself() {
        // GIVEN an active admin
        // WHEN they try to suspend their own account
        assertThrows(ValidationException.class, () -> users.suspend(admin.userId(), "oops", admin));

        // THEN they stay ACTIVE and can still sign in
        assertEquals(UserStatus.ACTIVE, users.find(admin.userId()).status());
        assertEquals(Role.ADMIN, users.authenticate(admin).role());
    }

    @Test
    void create_byANonAdmin_isRefused_andNoUserIsWritten() {
        // GIVEN a region manager (user management is ADMIN's, R-27)
        Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
        String id = freshId("u");

        // WHEN they try to create a rep in their region
        assertThrows(
                ForbiddenFieldException.class,
                () -> users.create(rep(id, "Sneaky", region, team), manager));

        // THEN no such user exists
        assertFalse(users.findOptional(id).isPresent());
    }
}
