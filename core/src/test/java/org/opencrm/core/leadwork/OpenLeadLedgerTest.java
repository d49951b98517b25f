package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * The open-lead count as a ledger, on the real DynamoDB Local engine: closing a lead releases its
 * owner's count in the same write, so a rep at capacity gets the next lead after closing one.
 */
class OpenLeadLedgerTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final CounterStore counters =
            new CounterStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void convertingALead_releasesItsOwnersCount() {
        // GIVEN a rep holding one assigned lead
        Caller rep = rep(5);
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();
        assertEquals(1, countOf(rep));

        // WHEN it is converted
        Lead converted = services.leads().convert(lead.id(), lead.version(), rep);

        // THEN the count is back to 0 and the lead left the SLA ladder and the pool
        assertEquals(LeadStatus.CONVERTED, converted.status());
        assertEquals(0, countOf(rep));
        assertNull(services.leads().get(lead.id(), admin).work().slaDueAt());
    }

    @Test
    void disqualifyingALead_releasesItsOwnersCount_andKeepsTheReason() {
        // GIVEN a rep holding one assigned lead
        Caller rep = rep(5);
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();

        // WHEN the rep disqualifies it for having no budget
        Lead closed =
                services.leads()
                        .disqualify(lead.id(), lead.version(), "NO_BUDGET", " asked twice ", rep);

        // THEN it is closed with the reason, out of the SLA ladder, and the count is released
        Lead stored = services.leads().get(lead.id(), admin);
        assertEquals(LeadStatus.DISQUALIFIED, closed.status());
        assertEquals("NO_BUDGET", stored.work().closeReason());
        assertEquals("asked twice", stored.work().closeNote());
        assertNull(stored.work().slaDueAt());
        assertEquals(0, countOf(rep));
    }

    @Test
    void aRepAtCapacityOne_getsTheNextLead_afterConvertingTheirLead() {
        // GIVEN a rep of capacity 1 holding a lead, and a second lead that found no room
        Caller rep = rep(1);
        Lead first = services.assignments().assignNew(ingest()).orElseThrow();
        Lead waiting = services.assignments().assignNew(ingest()).orElseThrow();
        assertEquals(LeadStatus.UNASSIGNED, waiting.status());
        assertEquals("ALL_AT_CAPACITY", waiting.work().unassignedReason());

        // WHEN the rep converts their lead and the reactor assigns the next new lead
        services.leads().convert(first.id(), first.version(), rep);
        clock.advance(Duration.ofSeconds(6));
        Lead next = services.assignments().assignNew(ingest()).orElseThrow();

        // THEN the next lead is theirs, and they hold exactly one
        assertEquals(LeadStatus.ASSIGNED, next.status());
        assertEquals(rep.userId(), next.ownerId());
        assertEquals(1, countOf(rep));
    }

    @Test
    void capacity_isTheWritesCondition_evenWhenTheReactorsCopyOfTheLoadsIsStale() {
        // GIVEN a rep of capacity 2 holding one lead, whose second place another container took
        // after this reactor read the loads
        Caller rep = rep(2);
        assertEquals(
                rep.userId(), services.assignments().assignNew(ingest()).orElseThrow().ownerId());
        counters.addStanding(Keys.repLoad(rep.userId()), 1, null);

        // WHEN the reactor, still believing the rep has room, assigns a lead
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();

        // THEN the write's condition refused the rep: the lead waits in the pool, the count at 2
        assertEquals(LeadStatus.UNASSIGNED, lead.status());
        assertEquals("ALL_AT_CAPACITY", lead.work().unassignedReason());
        assertEquals(2, countOf(rep));
    }

    @Test
    void aRepSuspendedSinceTheRosterWasRead_isRefusedByTheWrite_andTheLeadWaitsInThePool() {
        // GIVEN the region's only rep, whom this container's roster saw ACTIVE a moment ago
        Caller rep = rep(5);
        assertEquals(
                rep.userId(), services.assignments().assignNew(ingest()).orElseThrow().ownerId());

        // WHEN the rep is suspended elsewhere (the users table alone, the roster left as it was)
        // and a new lead arrives while the cached roster still holds them ACTIVE
        services.users().suspend(rep.userId(), "left the company", admin);
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();

        // THEN the write's ACTIVE condition refused them: the lead is pooled, their count unmoved
        assertEquals(LeadStatus.UNASSIGNED, lead.status());
        assertNull(lead.ownerId());
        assertEquals(1, countOf(rep));
    }

    @Test
    void aMissedView_takesTheLeadOffItsOwnersCount_andTheReassignmentPutsItOnTheNextRep() {
        // GIVEN one of two reps holds a lead they never view
        Caller ana = rep(5);
        Caller bo = rep(5);
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();
        Caller owner = lead.ownerId().equals(ana.userId()) ? ana : bo;
        Caller other = owner.equals(ana) ? bo : ana;

        // WHEN the 2-hour view step is missed and the reactor assigns the lead again
        clock.advance(Duration.ofMinutes(121));
        assertTrue(
                services.escalation()
                        .apply(lead.id(), clock.instant(), services.assignments().settings()));
        assertEquals(0, countOf(owner));
        Lead again = services.assignments().assignNew(lead.id()).orElseThrow();

        // THEN the other rep holds it, and only they count it
        assertEquals(other.userId(), again.ownerId());
        assertEquals(1, countOf(other));
        assertEquals(0, countOf(owner));
    }

    @Test
    void aClosedLead_cannotBeDisqualifiedAgain_andSaysWhichStatusesAllowIt() {
        Caller rep = rep(5);
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();
        Lead converted = services.leads().convert(lead.id(), lead.version(), rep);

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                services.leads()
                                        .disqualify(
                                                lead.id(),
                                                converted.version(),
                                                "NO_NEED",
                                                null,
                                                rep));

        assertEquals("leadStatus", refused.problems().get(0).rule());
        assertTrue(refused.problems().get(0).message().contains("the lead is CONVERTED"));
        assertEquals(0, countOf(rep));
    }

    @Test
    void aMissingOrUnknownReason_isRefusedOnReasonId_andNothingChanges() {
        Caller rep = rep(5);
        Lead lead = services.assignments().assignNew(ingest()).orElseThrow();

        for (String reason : new String[] {null, " ", "BORED"}) {
            ValidationException refused =
                    assertThrows(
                            ValidationException.class,
                            () ->
                                    services.leads()
                                            .disqualify(
                                                    lead.id(), lead.version(), reason, null, rep));
            assertEquals("reasonId", refused.problems().get(0).field());
        }
        assertEquals(LeadStatus.ASSIGNED, services.leads().get(lead.id(), admin).status());
        assertEquals(1, countOf(rep));
    }

    @Test
    void counts_equalOpenLeads_afterAMixedSequence() {
        // GIVEN two reps and a team lead in a fresh region
        Caller ana = rep(50);
        Caller bo = rep(50);
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Random random = new Random(12);

        // WHEN 30 leads arrive and each gets a random mix of operations
        for (int i = 0; i < 30; i++) {
            String id = ingest();
            services.assignments().assignNew(id);
            randomStep(id, random, List.of(ana, bo), teamLead);
            randomStep(id, random, List.of(ana, bo), teamLead);
        }

        // THEN each rep's count equals the open leads they own
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana, bo, teamLead);
    }

    private void randomStep(String leadId, Random random, List<Caller> reps, Caller teamLead) {
        Lead lead = services.leads().get(leadId, admin);
        if (!LeadLifecycle.isOpen(lead.status())) {
            return;
        }
        switch (random.nextInt(4)) {
            case 0 -> services.leads().convert(leadId, lead.version(), admin);
            case 1 ->
                    services.leads().disqualify(leadId, lead.version(), "UNREACHABLE", null, admin);
            case 2 ->
                    services.assignments()
                            .assignByHand(
                                    leadId,
                                    reps.get(random.nextInt(reps.size())).userId(),
                                    lead.version(),
                                    admin);
            default ->
                    services.assignments()
                            .assignByHand(leadId, teamLead.userId(), lead.version(), admin);
        }
    }

    private Caller rep(int capacity) {
        return TestLeads.rep(services, admin, region, team, capacity);
    }

    private long countOf(Caller rep) {
        return counters.total(Keys.repLoad(rep.userId()));
    }

    private String ingest() {
        return TestLeads.ingest(services, admin, "website", region);
    }
}
