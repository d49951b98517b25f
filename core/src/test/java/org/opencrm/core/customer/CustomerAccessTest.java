package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.core.testing.CustomerPatch.newCustomer;
import static org.opencrm.core.testing.CustomerPatch.patch;

import java.math.BigDecimal;
import java.time.Clock;
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
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;

/**
 * Row scope and the field matrix for customers, with real users of a region and teams
 * no other test uses, on the real embedded DynamoDB Local engine.
 */
class CustomerAccessTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    // reads the stored record without any caller's scope, to see what a refused write left behind
    private final CustomerStore stored = new CustomerStore(dynamo.enhanced(), dynamo.tables());
    private final CustomerService customers = services.customers();
    private final String region = freshRegion();
    private final String team = TestOrg.uniqueTeam();
    private final Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
    private final Caller teammate = TestOrg.member(services, Role.SALES_REP, region, team);
    private final Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);

    private static String freshRegion() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Customer repsCustomer() {
        return customers.create(newCustomer("Li Lei").build(), rep);
    }

    private Customer current(Customer customer) {
        return stored.find(customer.id()).orElseThrow();
    }

    private Set<String> listed(CustomerFilter filter, Caller caller) {
        return customers.list(filter, PageRequest.of(100, null), caller).entries().stream()
                .map(entry -> entry.item().id())
                .collect(Collectors.toSet());
    }

    @Test
    void salesRep_readsTheCustomerTheyOwn() {
        // GIVEN a customer the rep created
        Customer created = repsCustomer();

        // WHEN the rep reads it
        Customer read = customers.get(created.id(), rep);

        // THEN it is theirs, in their team and region
        assertEquals(rep.userId(), read.ownerId());
        assertEquals(team, read.team());
        assertEquals(region, read.fields().region());
    }

    @Test
    void salesRep_anotherRepsCustomer_isNotFound_forGetAndForUpdate_likeOneThatDoesNotExist() {
        // GIVEN a customer of a rep, and a teammate who does not own it
        Customer created = repsCustomer();

        // WHEN the teammate reads or changes it
        // THEN both are NOT_FOUND, exactly as for an id that does not exist (no existence leak)
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), teammate));
        assertThrows(
                NotFoundException.class,
                () ->
                        customers.update(
                                created.id(), 1, patch().name("Taken over").build(), teammate));
        assertThrows(
                NotFoundException.class,
                () ->
                        customers.update(
                                "no-such-" + UUID.randomUUID(),
                                1,
                                patch().name("Taken over").build(),
                                teammate));
        // AND nothing changed
        assertEquals(1, current(created).version());
        assertEquals("Li Lei", current(created).fields().name());
    }

    @Test
    void teamLead_readsAndUpdatesACustomerOfTheirTeam() {
        // GIVEN a customer of a rep of the lead's team
        Customer created = repsCustomer();

        // WHEN the lead reads and updates it
        Customer read = customers.get(created.id(), lead);
        Customer updated =
                customers.update(
                        created.id(), 1, patch().remark("called by the lead").build(), lead);

        // THEN both succeed and the change is stored
        assertEquals(created.id(), read.id());
        assertEquals(2, updated.version());
        assertEquals("called by the lead", customers.get(created.id(), rep).fields().remark());
    }

    @Test
    void teamLeadOfAnotherTeam_getsNotFound() {
        // GIVEN a customer of this team and a lead of another team in the same region
        Customer created = repsCustomer();
        Caller otherLead = TestOrg.member(services, Role.TEAM_LEAD, region, TestOrg.uniqueTeam());

        // WHEN / THEN the other lead can neither see nor change it
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), otherLead));
        assertThrows(
                NotFoundException.class,
                () ->
                        customers.update(
                                created.id(), 1, patch().remark("mine now").build(), otherLead));
        assertEquals(1, current(created).version());
    }

    @Test
    void regionManager_readsCustomersOfTheirRegion_notOfAnother() {
        // GIVEN a customer of the region, a manager of the region and one of another region
        Customer created = repsCustomer();
        Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
        Caller otherManager = TestOrg.member(services, Role.REGION_MANAGER, freshRegion(), null);

        // WHEN / THEN the region's manager reads it, the other gets NOT_FOUND
        assertEquals(created.id(), customers.get(created.id(), manager).id());
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), otherManager));
    }

    @Test
    void opsDirector_readsAnyCustomer_butChangingOne_isForbidden() {
        // GIVEN a customer and an ops director (reads all, writes none)
        Customer created = repsCustomer();
        Caller ops = TestOrg.member(services, Role.OPS_DIRECTOR, null, null);

        // WHEN the director reads it, then tries to change it
        assertEquals(created.id(), customers.get(created.id(), ops).id());

        // THEN the record is visible, so changes are FORBIDDEN, not NOT_FOUND
        assertThrows(
                ForbiddenException.class,
                () -> customers.update(created.id(), 1, patch().build(), ops));
        assertThrows(
                ForbiddenException.class, () -> customers.archive(created.id(), 1, "tidy up", ops));
        CrmException rename =
                assertThrows(
                        CrmException.class,
                        () ->
                                customers.update(
                                        created.id(), 1, patch().name("Renamed").build(), ops));
        assertTrue(
                rename.code() == ErrorCode.FORBIDDEN || rename.code() == ErrorCode.FORBIDDEN_FIELD,
                rename.code().name());
        // AND nothing changed
        assertEquals(1, current(created).version());
        assertEquals("Li Lei", current(created).fields().name());
    }

    @Test
    void finance_mayWriteContractAmount_butNotTheName_andAMixedWriteIsRefusedWhole() {
        // GIVEN a customer and a finance user
        Customer created = repsCustomer();
        Caller finance = TestOrg.member(services, Role.FINANCE, null, null);

        // WHEN finance records the contract amount
        customers.update(
                created.id(),
                1,
                patch().contractAmount(new BigDecimal("128000.5")).build(),
                finance);

        // THEN it is stored
        assertEquals(
                0,
                new BigDecimal("128000.50")
                        .compareTo(customers.get(created.id(), finance).fields().contractAmount()));

        // WHEN finance also tries to rename the customer, with a new amount in the same write
        ForbiddenFieldException refused =
                assertThrows(
                        ForbiddenFieldException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        2,
                                        patch().name("Renamed")
                                                .contractAmount(new BigDecimal("1"))
                                                .build(),
                                        finance));

        // THEN the write names the name field and changes nothing, not even the amount
        assertEquals(List.of("name"), refused.fields());
        Customer after = current(created);
        assertEquals(2, after.version());
        assertEquals("Li Lei", after.fields().name());
        assertEquals(0, new BigDecimal("128000.50").compareTo(after.fields().contractAmount()));
    }

    @Test
    void customerService_readsAndServicesOnlyCustomersTheyServe() {
        // GIVEN a customer and a service agent not yet serving it
        Customer created = repsCustomer();
        Caller agent = TestOrg.member(services, Role.CUSTOMER_SERVICE, region, null);
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), agent));

        // WHEN the team lead assigns the agent to the customer
        customers.update(created.id(), 1, patch().serviceAgentId(agent.userId()).build(), lead);

        // THEN the agent reads it and writes service notes
        assertEquals(agent.userId(), customers.get(created.id(), agent).serviceAgentId());
        Customer noted =
                customers.update(
                        created.id(),
                        2,
                        patch().serviceNotes("asked for an invoice copy").build(),
                        agent);
        assertEquals("asked for an invoice copy", noted.fields().serviceNotes());
        assertEquals(3, current(created).version());
    }

    @Test
    void customerService_writingExpectedDealAmountOrOwner_isRefusedWhole_andTheRecordIsUnchanged() {
        // GIVEN a customer served by an agent
        Customer created = repsCustomer();
        Caller agent = TestOrg.member(services, Role.CUSTOMER_SERVICE, region, null);
        customers.update(created.id(), 1, patch().serviceAgentId(agent.userId()).build(), lead);

        // WHEN the agent writes service notes together with an expected deal amount, or hands the
        // customer on
        ForbiddenFieldException amount =
                assertThrows(
                        ForbiddenFieldException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        2,
                                        patch().serviceNotes("upsell?")
                                                .expectedDealAmount(new BigDecimal("50000"))
                                                .build(),
                                        agent));
        ForbiddenFieldException owner =
                assertThrows(
                        ForbiddenFieldException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        2,
                                        patch().ownerId(agent.userId()).build(),
                                        agent));

        // THEN each refusal names the field, and neither the notes nor the amount nor the owner
        // changed
        assertEquals(List.of("expectedDealAmount"), amount.fields());
        assertEquals(List.of("ownerId"), owner.fields());
        Customer after = current(created);
        assertEquals(2, after.version());
        assertNull(after.fields().serviceNotes());
        assertNull(after.fields().expectedDealAmount());
        assertEquals(rep.userId(), after.ownerId());
    }

    @Test
    void lists_holdExactlyTheCustomersInEachRolesScope() {
        // GIVEN in a fresh region: two customers of this team (rep, teammate), one of another team,
        // one served by an agent; and one customer of the same other team in another region
        String otherTeam = TestOrg.uniqueTeam();
        Caller otherRep = TestOrg.member(services, Role.SALES_REP, region, otherTeam);
        String farRegion = freshRegion();
        Caller farRep = TestOrg.member(services, Role.SALES_REP, farRegion, otherTeam);
        Caller agent = TestOrg.member(services, Role.CUSTOMER_SERVICE, region, null);
        Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
        Caller finance = TestOrg.member(services, Role.FINANCE, null, null);
        Caller ops = TestOrg.member(services, Role.OPS_DIRECTOR, null, null);
        Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
        String mine = repsCustomer().id();
        String teammates = customers.create(newCustomer("Han Meimei").build(), teammate).id();
        String otherTeams = customers.create(newCustomer("Zhang San").build(), otherRep).id();
        String far = customers.create(newCustomer("Li Si").build(), farRep).id();
        customers.update(teammates, 1, patch().serviceAgentId(agent.userId()).build(), lead);
        CustomerFilter none = CustomerFilter.none();
        CustomerFilter inRegion = CustomerFilter.none().withRegion(region);

        // WHEN each role lists customers
        // THEN each list holds exactly the customers in that role's scope
        assertEquals(Set.of(mine), listed(none, rep));
        assertEquals(Set.of(teammates), listed(none, teammate));
        assertEquals(Set.of(mine, teammates), listed(none, lead));
        assertEquals(Set.of(mine, teammates, otherTeams), listed(none, manager));
        assertEquals(Set.of(teammates), listed(none, agent));
        assertEquals(Set.of(far), listed(none, farRep));
        for (Caller readsAll : List.of(finance, ops, admin)) {
            assertEquals(
                    Set.of(mine, teammates, otherTeams),
                    listed(inRegion, readsAll),
                    readsAll.role().name());
            assertEquals(
                    Set.of(far),
                    listed(CustomerFilter.none().withRegion(farRegion), readsAll),
                    readsAll.role().name());
        }
        // AND a filter outside the scope narrows to nothing instead of widening it
        assertEquals(Set.of(), listed(CustomerFilter.none().withRegion(farRegion), manager));
        assertEquals(
                Set.of(), listed(CustomerFilter.builder().ownerId(teammate.userId()).build(), rep));
        assertEquals(
                Set.of(), listed(CustomerFilter.builder().ownerId(farRep.userId()).build(), lead));
    }

    @Test
    void salesRep_cannotHandTheirCustomerToAnotherRep() {
        // GIVEN a rep's customer
        Customer created = repsCustomer();

        // WHEN the rep names a teammate as owner
        ForbiddenFieldException refused =
                assertThrows(
                        ForbiddenFieldException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        1,
                                        patch().ownerId(teammate.userId()).build(),
                                        rep));

        // THEN ownerId is named and the customer stays theirs
        assertEquals(List.of("ownerId"), refused.fields());
        assertEquals(rep.userId(), current(created).ownerId());
        assertEquals(1, current(created).version());
    }

    @Test
    void teamLead_handsACustomerToARepOfTheirTeam() {
        // GIVEN a rep's customer
        Customer created = repsCustomer();

        // WHEN the lead hands it to a teammate
        Customer handed =
                customers.update(created.id(), 1, patch().ownerId(teammate.userId()).build(), lead);

        // THEN the teammate owns it, with the teammate's team, and the former owner no longer sees
        // it
        assertEquals(teammate.userId(), handed.ownerId());
        assertEquals(teammate.userId(), customers.get(created.id(), teammate).ownerId());
        assertEquals(team, current(created).team());
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), rep));
    }

    @Test
    void teamLead_cannotHandACustomerToARepOfAnotherTeam() {
        // GIVEN a rep's customer and a rep of another team
        Customer created = repsCustomer();
        Caller outsider = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

        // WHEN the lead hands it to the outsider
        // THEN the outsider is no eligible owner for this lead (out of the lead's sight, so the
        // refusal says nothing more about them), and nothing changes
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        1,
                                        patch().ownerId(outsider.userId()).build(),
                                        lead));
        assertEquals("ownerId", refused.problems().get(0).field());
        assertEquals(rep.userId(), current(created).ownerId());
        assertEquals(team, current(created).team());
        assertEquals(1, current(created).version());
    }

    @Test
    void regionManager_handsACustomerAcrossTeams_andTheTeamMovesWithTheOwner() {
        // GIVEN a rep's customer, and a rep of another team in the same region
        Customer created = repsCustomer();
        String otherTeam = TestOrg.uniqueTeam();
        Caller otherRep = TestOrg.member(services, Role.SALES_REP, region, otherTeam);
        Caller otherLead = TestOrg.member(services, Role.TEAM_LEAD, region, otherTeam);
        Caller manager = TestOrg.member(services, Role.REGION_MANAGER, region, null);

        // WHEN the region manager hands it to the other team's rep
        customers.update(created.id(), 1, patch().ownerId(otherRep.userId()).build(), manager);

        // THEN it belongs to the other team: its lead sees it, this team's lead no longer does
        assertEquals(otherTeam, current(created).team());
        assertEquals(created.id(), customers.get(created.id(), otherLead).id());
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), lead));
    }

    @Test
    void admin_deleteCustomer_freesThePhoneForANewCustomer() {
        // GIVEN a customer with a phone
        String phone = TestCallers.uniqueMobile();
        Customer created = customers.create(newCustomer("Li Lei").phone(phone).build(), rep);
        Caller admin = TestOrg.member(services, Role.ADMIN, null, null);

        // WHEN an admin deletes it
        customers.delete(created.id(), 1, "created by mistake", admin);

        // THEN it is gone and another customer can take the phone
        assertThrows(NotFoundException.class, () -> customers.get(created.id(), admin));
        Customer reuse = customers.create(newCustomer("Someone else").phone(phone).build(), rep);
        assertNotEquals(created.id(), reuse.id());
        assertEquals("+86" + phone, reuse.fields().phone());
    }

    @Test
    void duplicatePhone_namesTheHoldingCustomer_onlyToACallerWhoMaySeeIt() {
        // GIVEN a customer of the rep
        String phone = TestCallers.uniqueMobile();
        Customer held = customers.create(newCustomer("Holder").phone(phone).build(), rep);

        // WHEN a rep of the team (who cannot see it) and its lead (who can) reuse the phone
        DuplicateException toTeammate =
                assertThrows(
                        DuplicateException.class,
                        () -> customers.create(newCustomer("Copy").phone(phone).build(), teammate));
        DuplicateException toLead =
                assertThrows(
                        DuplicateException.class,
                        () -> customers.create(newCustomer("Copy").phone(phone).build(), lead));

        // THEN both are refused, but only the lead learns which customer holds it
        assertEquals("phone", toTeammate.field());
        assertNull(toTeammate.existingId());
        assertFalse(toTeammate.details().containsKey("existingId"));
        assertEquals(held.id(), toLead.existingId());
    }

    @Test
    void exportCsv_quotesCellsASpreadsheetWouldRunAsFormulas() {
        // GIVEN a customer whose remark is a formula
        customers.create(
                newCustomer("Formula Co").remark("=HYPERLINK(\"http://evil.example\")").build(),
                rep);

        // WHEN the rep exports their customers
        String csv = services.export().export(CustomerFilter.none(), rep).csv();

        // THEN the formula is text, and so is the +86 phone
        assertTrue(csv.contains("\"'=HYPERLINK"), csv);
        assertFalse(csv.contains(",=HYPERLINK") || csv.contains(",\"=HYPERLINK"), csv);
        assertTrue(csv.contains("\"'+86"), csv);
    }
}
