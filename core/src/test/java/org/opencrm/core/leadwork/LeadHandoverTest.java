package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.core.testing.CustomerPatch.newCustomer;
import static org.opencrm.core.testing.CustomerPatch.patch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.breaker.AccountSuspendedException;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.OrgChanges;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserLeads;
import org.opencrm.core.user.UserStatus;

/**
 * A suspended or departed user's open leads leave them in the same request as their status change
 * and a rep who gets room drains the pool; on the real DynamoDB Local engine.
 */
class LeadHandoverTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final OrgChanges org = services.orgChanges();
    private final CounterStore counters =
            new CounterStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void offboarding_handsTheOpenLeadsToTheSuccessor_andLeavesClosedOnesWhereTheyWere() {
        // GIVEN a rep holding three open leads and one converted lead, and an empty-handed
        // successor
        Caller leaving = rep(4);
        List<Lead> held = List.of(assignedNow(), assignedNow(), assignedNow(), assignedNow());
        Lead closed = services.leads().convert(held.get(3).id(), held.get(3).version(), leaving);
        Caller successor = rep(10);

        // WHEN the rep is off-boarded to the successor
        OrgChanges.Result result = org.offboard(leaving.userId(), successor.userId(), admin);

        // THEN the three open leads are the successor's, under the admin's request
        assertEquals(new UserLeads.Handover(3, 0, 0), result.leads());
        for (Lead lead : held.subList(0, 3)) {
            Lead now = services.leads().get(lead.id(), admin);
            assertEquals(successor.userId(), now.ownerId());
            assertEquals(LeadStatus.ASSIGNED, now.status());
            assertEquals(admin.userId(), now.work().assignment().by());
            assertTrue(
                    now.work().assignment().explanation().get(0).term().contains("LEFT"),
                    now.work().assignment().explanation().toString());
        }
        // AND the converted lead stays in the departed rep's history
        assertEquals(leaving.userId(), services.leads().get(closed.id(), admin).ownerId());
        TestLeads.assertCountsEqualOpenLeads(services, admin, leaving, successor);
        assertEquals(0, countOf(leaving));
    }

    @Test
    void offboarding_toASuccessorAtCapacity_sendsTheRestThroughAssignment_elseToThePool() {
        // GIVEN a leaving rep with three leads, a successor with room for one, another rep with
        // room for one
        Caller leaving = rep(3);
        List<Lead> held = List.of(assignedNow(), assignedNow(), assignedNow());
        Caller successor = rep(1);
        Caller other = rep(1);

        // WHEN the leaving rep is off-boarded to the successor
        OrgChanges.Result result = org.offboard(leaving.userId(), successor.userId(), admin);

        // THEN one lead went to the successor, one to the other rep, one waits in the pool
        assertEquals(new UserLeads.Handover(1, 1, 1), result.leads());
        List<Lead> now = held.stream().map(l -> services.leads().get(l.id(), admin)).toList();
        assertEquals(1, now.stream().filter(l -> successor.userId().equals(l.ownerId())).count());
        assertEquals(1, now.stream().filter(l -> other.userId().equals(l.ownerId())).count());
        Lead pooled =
                now.stream().filter(l -> l.status() == LeadStatus.UNASSIGNED).findFirst().get();
        assertNull(pooled.ownerId());
        assertEquals("ALL_AT_CAPACITY", pooled.work().unassignedReason());
        assertNull(pooled.work().slaDueAt());
        assertTrue(
                pooled.work().assignment().explanation().get(0).term().contains("at capacity"),
                pooled.work().assignment().explanation().toString());
        TestLeads.assertCountsEqualOpenLeads(services, admin, leaving, successor, other);
    }

    @Test
    void suspending_sendsTheOpenLeadsToAnotherRepOfTheRegion_andThePoolWhenNobodyHasRoom() {
        // GIVEN a rep holding two leads and another rep of the region with room for one
        Caller suspended = rep(2);
        List<Lead> held = List.of(assignedNow(), assignedNow());
        Caller other = rep(1);

        // WHEN an admin suspends the first rep
        OrgChanges.Suspension result = org.suspend(suspended.userId(), "on leave", admin);

        // THEN one lead is the other rep's, one waits in the pool, the suspended rep holds none
        assertEquals(UserStatus.SUSPENDED, result.user().status());
        assertEquals(new UserLeads.Handover(0, 1, 1), result.leads());
        List<Lead> now = held.stream().map(l -> services.leads().get(l.id(), admin)).toList();
        assertEquals(1, now.stream().filter(l -> other.userId().equals(l.ownerId())).count());
        assertEquals(1, now.stream().filter(l -> l.status() == LeadStatus.UNASSIGNED).count());
        TestLeads.assertCountsEqualOpenLeads(services, admin, suspended, other);
        assertEquals(0, countOf(suspended));
    }

    @Test
    void repeatingASuspensionInterruptedAfterTheStatusWrite_movesTheRest_andNothingTwice() {
        // GIVEN a rep with two leads whose suspension stopped right after the status write
        Caller suspended = rep(2);
        List<Lead> held = List.of(assignedNow(), assignedNow());
        Caller other = rep(5);
        services.users().suspend(suspended.userId(), "on leave", admin);

        // WHEN the admin repeats the suspension, twice
        OrgChanges.Suspension resumed = org.suspend(suspended.userId(), "on leave", admin);
        OrgChanges.Suspension again = org.suspend(suspended.userId(), "on leave", admin);

        // THEN the first repeat moved both leads and the second found nothing left to move
        assertEquals(new UserLeads.Handover(0, 2, 0), resumed.leads());
        assertEquals(UserLeads.Handover.NONE, again.leads());
        for (Lead lead : held) {
            Lead now = services.leads().get(lead.id(), admin);
            assertEquals(other.userId(), now.ownerId());
            assertEquals(lead.version() + 1, now.version(), "moved exactly once");
        }
        TestLeads.assertCountsEqualOpenLeads(services, admin, suspended, other);
    }

    @Test
    void theBreakersSuspension_sendsTheRepsOpenLeadsThroughAssignmentToo() {
        // GIVEN a rep holding a lead and a customer, and another rep of the region with room
        Caller tripping = rep(2);
        Lead held = assignedNow();
        Caller other = rep(2);
        Customer customer =
                services.customers()
                        .create(newCustomer("Li Lei").level(CustomerLevel.A).build(), tripping);

        // WHEN the rep changes the customer's level three times: the breaker suspends them
        services.customers()
                .update(customer.id(), 1, patch().level(CustomerLevel.B).build(), tripping);
        services.customers()
                .update(customer.id(), 2, patch().level(CustomerLevel.C).build(), tripping);
        assertThrows(
                AccountSuspendedException.class,
                () ->
                        services.customers()
                                .update(
                                        customer.id(),
                                        3,
                                        patch().level(CustomerLevel.D).build(),
                                        tripping));

        // THEN the rep is suspended and their lead is the other rep's, counts following
        assertEquals(UserStatus.SUSPENDED, services.users().find(tripping.userId()).status());
        assertEquals(other.userId(), services.leads().get(held.id(), admin).ownerId());
        TestLeads.assertCountsEqualOpenLeads(services, admin, tripping, other);
    }

    @Test
    void reinstating_drainsThePoolIntoTheRep_oldestFirst() {
        // GIVEN the region's only rep suspended, so their two leads and a new one wait in the pool
        Caller rep = rep(2);
        Lead older = assignedNow();
        Lead newer = assignedNow();
        org.suspend(rep.userId(), "on leave", admin);
        Lead newest = assignedNow();
        assertEquals(LeadStatus.UNASSIGNED, newest.status());

        // WHEN the rep is reinstated
        org.reinstate(rep.userId(), admin);

        // THEN they took as many pooled leads as their capacity allows, the oldest first
        assertEquals(rep.userId(), services.leads().get(older.id(), admin).ownerId());
        assertEquals(rep.userId(), services.leads().get(newer.id(), admin).ownerId());
        assertEquals(LeadStatus.UNASSIGNED, services.leads().get(newest.id(), admin).status());
        TestLeads.assertCountsEqualOpenLeads(services, admin, rep);
    }

    @Test
    void aRepeatedReinstatement_finishesADrainThatStoppedAfterTheStatusWrite() {
        // GIVEN a suspended rep whose reinstatement stopped after the status write: ACTIVE again
        // (the users table alone) while the leads pooled during the suspension still wait
        Caller rep = rep(2);
        Lead held = assignedNow();
        org.suspend(rep.userId(), "on leave", admin);
        assertEquals(LeadStatus.UNASSIGNED, services.leads().get(held.id(), admin).status());
        services.users().reinstate(rep.userId(), admin);

        // WHEN the admin repeats the reinstatement
        org.reinstate(rep.userId(), admin);

        // THEN it is not refused, and the pooled lead is the rep's
        assertEquals(rep.userId(), services.leads().get(held.id(), admin).ownerId());
        TestLeads.assertCountsEqualOpenLeads(services, admin, rep);
    }

    @Test
    void aRepAddedOrRaisedInCapacity_takesPooledLeads() {
        // GIVEN a rep at capacity 1 and two more leads waiting in the pool
        Caller first = rep(1);
        assignedNow();
        Lead pooledOlder = assignedNow();
        Lead pooledNewer = assignedNow();
        assertEquals("ALL_AT_CAPACITY", pooledOlder.work().unassignedReason());

        // WHEN a new rep of capacity 1 is added
        Caller added = rep(1);

        // THEN they took the older pooled lead
        assertEquals(added.userId(), services.leads().get(pooledOlder.id(), admin).ownerId());
        assertEquals(LeadStatus.UNASSIGNED, services.leads().get(pooledNewer.id(), admin).status());

        // WHEN the first rep's capacity is raised to 2
        long version = services.users().find(first.userId()).version();
        org.updateUser(first.userId(), version, UserInput.builder().capacity(2).build(), admin);

        // THEN they took the newer one
        assertEquals(first.userId(), services.leads().get(pooledNewer.id(), admin).ownerId());
        TestLeads.assertCountsEqualOpenLeads(services, admin, first, added);
    }

    private Lead assignedNow() {
        // leads arrive a second apart, so the pool's arrival order is unambiguous
        clock.advance(Duration.ofSeconds(1));
        return services.assignments()
                .assignNew(TestLeads.ingest(services, admin, "website", region))
                .orElseThrow();
    }

    /** A new rep of the region, added as createUser adds them. */
    private Caller rep(int capacity) {
        Caller rep = TestCallers.of(Role.SALES_REP, region, team);
        org.createUser(
                UserInput.builder()
                        .id(rep.userId())
                        .name("Rep " + rep.userId())
                        .role(Role.SALES_REP.name())
                        .region(region)
                        .team(team)
                        .capacity(capacity)
                        .build(),
                admin);
        return rep;
    }

    private long countOf(Caller rep) {
        return counters.total(Keys.repLoad(rep.userId()));
    }
}
