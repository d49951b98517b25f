package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** A lead's working life on the real engine, with the application clock moved by hand. */
class LeadWorkFlowTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void
            lead_isAssignedWithExplanation_reassignedOnceWhenNotViewed_escalatedToTeamLead_thenWoken() {
        // GIVEN two reps and a team lead in a fresh region
        Caller first = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller second = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        String leadId = ingest("website");

        // WHEN the reactor assigns it
        Lead assigned = services.assignments().assignNew(leadId).orElseThrow();

        // THEN one of the reps has it, with the score explained and both considered
        assertEquals(LeadStatus.ASSIGNED, assigned.status());
        assertTrue(List.of(first.userId(), second.userId()).contains(assigned.ownerId()));
        assertEquals("source:website", assigned.work().assignment().explanation().get(0).term());
        assertEquals(2, assigned.work().assignment().candidates().size());
        assertEquals(LeadWork.VIEW, assigned.work().slaStep());
        assertTrue(
                services.assignments().assignNew(leadId).isEmpty(),
                "a second delivery assigns nothing");

        // WHEN 2 h pass without a view
        clock.advance(Duration.ofMinutes(121));
        assertEquals(1, sweepFor(leadId));
        Lead taken = services.leads().get(leadId, admin);
        Lead reassigned = services.assignments().assignNew(leadId).orElseThrow();

        // THEN it was flagged red, its weight cut, and it went to the other rep, once
        assertEquals(LeadStatus.NEW, taken.status());
        assertTrue(taken.work().flaggedRed());
        assertEquals(0.7, taken.work().scoreFactor(), 1e-9);
        assertNotEquals(assigned.ownerId(), reassigned.ownerId());
        assertEquals(LeadWork.CONTACT, reassigned.work().slaStep());
        assertEquals(0, sweepFor(leadId), "nothing more is due before 24 h");

        // WHEN 24 h pass without a contact
        clock.advance(Duration.ofHours(22));
        assertEquals(1, sweepFor(leadId));
        Lead escalated = services.leads().get(leadId, admin);

        // THEN the team lead has it
        assertEquals(teamLead.userId(), escalated.ownerId());
        assertTrue(escalated.work().lastSlaStep().startsWith("CONTACT_MISSED"));

        // WHEN 3 days pass with no contact
        clock.advance(Duration.ofHours(49));
        assertEquals(1, sweepFor(leadId));
        Lead woken = services.leads().get(leadId, admin);
        assertEquals(LeadStatus.WOKEN, woken.status());
        assertEquals(LeadWork.DONE, woken.work().slaStep());
        assertNull(woken.work().slaDueAt());

        // AND the stream's records, delivered twice, send the customer exactly one SMS
        List<Record> records =
                new StreamReader(LocalDynamo.shared().streams())
                        .recordsFor(LocalDynamo.shared().tables().leads(), leadId);
        records.forEach(services.reactor()::onRecord);
        records.forEach(services.reactor()::onRecord);
        List<Notification> sms =
                services
                        .outbox()
                        .inbox("lead:" + leadId, false, PageRequest.of(10, null))
                        .entries()
                        .stream()
                        .map(entry -> entry.item())
                        .toList();
        assertEquals(1, sms.size());
        assertEquals(NotificationKind.WAKE_UP_SMS, sms.get(0).kind());
        assertEquals(woken.fields().phone(), sms.get(0).payload().get("phone"));
    }

    @Test
    void viewedAndContactedLead_walksTheLadderWithoutEscalating() {
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        String leadId = ingest("douyin");
        assertTrue(services.assignments().assignNew(leadId).isPresent());

        services.assignments().markViewed(leadId, rep);
        services.assignments()
                .logContact(leadId, AssignmentService.ContactKind.CALL, "intro call", rep);
        clock.advance(Duration.ofDays(4));
        sweepFor(leadId);
        sweepFor(leadId);

        Lead lead = services.leads().get(leadId, admin);
        assertEquals(rep.userId(), lead.ownerId());
        assertEquals(LeadStatus.CONTACTED, lead.status());
        assertFalse(lead.work().flaggedRed());
        assertEquals(LeadWork.DONE, lead.work().slaStep());
        assertEquals("CONTACT_OK", lead.work().lastSlaStep());
    }

    @Test
    void noRepInTheRegion_leavesTheLeadUnassigned_withTheReason_inTheRegionsPool() {
        String leadId = ingest("website");

        Lead pooled = services.assignments().assignNew(leadId).orElseThrow();

        assertEquals(LeadStatus.UNASSIGNED, pooled.status());
        assertEquals("NO_REP_IN_REGION", pooled.work().unassignedReason());
        assertEquals(
                List.of(leadId),
                services
                        .assignments()
                        .unassigned(region, PageRequest.of(20, null), admin)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList());
    }

    @Test
    void racingReactors_assignALeadOnce_andCountTheLoadOnce() throws Exception {
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        String leadId = ingest("website");

        List<Optional<Lead>> results =
                Race.run(8, i -> () -> services.assignments().assignNew(leadId));

        assertEquals(1, results.stream().filter(Optional::isPresent).count());
        assertEquals(rep.userId(), services.leads().get(leadId, admin).ownerId());
        CounterStore counters =
                new CounterStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
        assertEquals(1, counters.total(Keys.repLoad(rep.userId())));
    }

    @Test
    void overlappingSweeps_applyADueStepOnce() throws Exception {
        TestOrg.member(services, Role.SALES_REP, region, team);
        String leadId = ingest("website");
        assertTrue(services.assignments().assignNew(leadId).isPresent());
        clock.advance(Duration.ofMinutes(121));
        AssignmentSettings settings = services.assignments().settings();

        List<Boolean> applied =
                Race.run(
                        6,
                        i -> () -> services.escalation().apply(leadId, clock.instant(), settings));

        assertEquals(1, applied.stream().filter(Boolean::booleanValue).count());
    }

    private int sweepFor(String leadId) {
        // the shared engine holds other tests' leads too: apply just this one, as the sweep would
        return services.escalation()
                        .apply(leadId, clock.instant(), services.assignments().settings())
                ? 1
                : 0;
    }

    private String ingest(String channel) {
        return TestLeads.ingest(services, admin, channel, region);
    }
}
