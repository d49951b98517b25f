package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.core.testing.CustomerPatch.newCustomer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.CustomerPatch;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserStatus;

/**
 * Off-boarding: the leaver is marked LEFT and every customer they own, active and archived,
 * moves to the successor (by default their manager) with the successor's team.
 */
class OrgChangesTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final OrgChanges orgChanges = services.orgChanges();
    private final CustomerStore stored = new CustomerStore(dynamo.enhanced(), dynamo.tables());
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String repTeam = TestOrg.uniqueTeam();
    // the manager leads a team of their own, so "the successor's team" differs from the leaver's
    private final String managerTeam = TestOrg.uniqueTeam();
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final Caller manager = TestOrg.member(services, Role.TEAM_LEAD, region, managerTeam);

    /** A rep created by the admin, reporting to {@code managerId} (may be null). */
    private Caller rep(String managerId) {
        String id = "rep-" + UUID.randomUUID();
        services.users()
                .create(
                        UserInput.builder()
                                .id(id)
                                .name("Leaving Rep")
                                .role("SALES_REP")
                                .region(region)
                                .team(repTeam)
                                .managerId(managerId)
                                .build(),
                        admin);
        return TestCallers.named(id, Role.SALES_REP, region, repTeam);
    }

    /**
     * Three active customers and one archived, all owned by {@code owner}; the archived one last.
     */
    private List<String> fourCustomers(Caller owner) {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("A", "B", "C", "Archived")) {
            ids.add(customers.create(newCustomer(name).build(), owner).id());
        }
        customers.archive(ids.get(3), 1, "went bankrupt", owner);
        return ids;
    }

    private Set<String> owned(String ownerId, boolean archived, Caller caller) {
        return customers
                .list(
                        CustomerFilter.builder().ownerId(ownerId).archived(archived).build(),
                        PageRequest.of(100, null),
                        caller)
                .entries()
                .stream()
                .map(entry -> entry.item().id())
                .collect(Collectors.toSet());
    }

    @Test
    void
            offboard_withoutSuccessor_movesEveryCustomerToTheManager_withTheManagersTeam_andMarksTheUserLeft() {
        // GIVEN a rep with a manager, three active customers and one archived
        Caller rep = rep(manager.userId());
        List<String> ids = fourCustomers(rep);

        // WHEN an admin off-boards the rep without naming a successor
        OrgChanges.Result result = orgChanges.offboard(rep.userId(), null, admin);

        // THEN all four customers moved to the manager, with the manager's team
        assertEquals(4, result.customersMoved());
        assertEquals(manager.userId(), result.successor().id());
        for (String id : ids) {
            Customer moved = stored.find(id).orElseThrow();
            assertEquals(manager.userId(), moved.ownerId(), id);
            assertEquals(managerTeam, moved.team(), id);
        }
        // AND the archived one is still archived, the others still active
        assertTrue(stored.find(ids.get(3)).orElseThrow().archived());
        assertEquals(Set.copyOf(ids.subList(0, 3)), owned(manager.userId(), false, manager));
        assertEquals(Set.of(ids.get(3)), owned(manager.userId(), true, manager));
        assertEquals(Set.of(), owned(rep.userId(), false, admin));
        assertEquals(Set.of(), owned(rep.userId(), true, admin));
        // AND the rep has LEFT and their token no longer works
        assertEquals(UserStatus.LEFT, services.users().find(rep.userId()).status());
        assertThrows(UnauthenticatedException.class, () -> services.users().authenticate(rep));
    }

    @Test
    void offboard_repeated_isHarmless_movingNothing() {
        // GIVEN a rep already off-boarded to their manager
        Caller rep = rep(manager.userId());
        List<String> ids = fourCustomers(rep);
        orgChanges.offboard(rep.userId(), null, admin);

        // WHEN the admin repeats the call
        OrgChanges.Result again = orgChanges.offboard(rep.userId(), null, admin);

        // THEN nothing moves, the rep stays LEFT and the customers stay with the manager
        assertEquals(0, again.customersMoved());
        assertEquals(UserStatus.LEFT, services.users().find(rep.userId()).status());
        for (String id : ids) {
            assertEquals(manager.userId(), stored.find(id).orElseThrow().ownerId(), id);
        }
    }

    @Test
    void offboard_toANamedSuccessor_movesTheCustomersThere_notToTheManager() {
        // GIVEN a rep with a manager, and a successor in yet another team
        Caller rep = rep(manager.userId());
        String successorTeam = TestOrg.uniqueTeam();
        Caller successor = TestOrg.member(services, Role.SALES_REP, region, successorTeam);
        List<String> ids = fourCustomers(rep);

        // WHEN the admin off-boards the rep naming the successor
        OrgChanges.Result result = orgChanges.offboard(rep.userId(), successor.userId(), admin);

        // THEN the successor owns all four customers, with the successor's team
        assertEquals(4, result.customersMoved());
        for (String id : ids) {
            Customer moved = stored.find(id).orElseThrow();
            assertEquals(successor.userId(), moved.ownerId(), id);
            assertEquals(successorTeam, moved.team(), id);
        }
        assertEquals(Set.of(), owned(manager.userId(), false, manager));
    }

    @Test
    void offboard_withoutManagerOrSuccessor_isRefusedOnSuccessorId_andChangesNothing() {
        // GIVEN a rep without a manager, with customers
        Caller rep = rep(null);
        List<String> ids = fourCustomers(rep);

        // WHEN the admin off-boards the rep without naming a successor
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> orgChanges.offboard(rep.userId(), null, admin));

        // THEN the refusal is about successorId, the rep is still ACTIVE and still owns their
        // customers
        assertEquals("successorId", refused.problems().get(0).field());
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
        for (String id : ids) {
            assertEquals(rep.userId(), stored.find(id).orElseThrow().ownerId(), id);
        }
        assertFalse(services.users().authenticate(rep).userId().isEmpty());
    }

    @Test
    void updateUser_movingARepToAnotherTeam_takesTheirCustomersAlong() {
        // GIVEN a rep with customers, and the lead of another team in the region
        Caller rep = rep(manager.userId());
        List<String> ids = fourCustomers(rep);
        long version = services.users().find(rep.userId()).version();

        // WHEN an admin moves the rep to the manager's team
        orgChanges.updateUser(
                rep.userId(), version, UserInput.builder().team(managerTeam).build(), admin);

        // THEN the new team's lead sees all four customers, still owned by the rep
        assertEquals(Set.copyOf(ids.subList(0, 3)), owned(rep.userId(), false, manager));
        assertEquals(Set.of(ids.get(3)), owned(rep.userId(), true, manager));
        ids.forEach(id -> assertEquals(managerTeam, stored.find(id).orElseThrow().team()));
    }

    @Test
    void offboard_refusesASuccessorWhoCannotOwnCustomers() {
        // GIVEN a rep, and a customer-service agent named as successor
        Caller rep = rep(manager.userId());
        Caller agent = TestOrg.member(services, Role.CUSTOMER_SERVICE, null, null);

        // WHEN / THEN
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> orgChanges.offboard(rep.userId(), agent.userId(), admin));
        assertEquals("successorId", refused.problems().get(0).field());
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
    }

    @Test
    void offboard_aServiceAgent_handsTheCustomersTheyServeToAnotherAgent() {
        // GIVEN a customer served by an agent, and a second agent
        Caller agent = TestOrg.member(services, Role.CUSTOMER_SERVICE, null, null);
        Caller nextAgent = TestOrg.member(services, Role.CUSTOMER_SERVICE, null, null);
        Caller owner = rep(manager.userId());
        Customer served = customers.create(newCustomer("Served").build(), owner);
        customers.update(
                served.id(),
                1,
                CustomerPatch.patch().serviceAgentId(agent.userId()).build(),
                admin);

        // WHEN an admin off-boards the agent, naming the second one
        OrgChanges.Result result = orgChanges.offboard(agent.userId(), nextAgent.userId(), admin);

        // THEN the customer is served by the second agent and still owned by its owner
        assertEquals(1, result.customersMoved());
        Customer after = stored.find(served.id()).orElseThrow();
        assertEquals(nextAgent.userId(), after.serviceAgentId());
        assertEquals(owner.userId(), after.ownerId());
    }
}
