package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * The scheduled recount on the real DynamoDB Local engine: it leaves a ledger kept by the lead
 * writes alone, and finds, corrects and reports (once) a count written past the ledger.
 */
class LeadRecountTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final CounterStore counters =
            new CounterStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void recount_findsNothing_whenEveryCountMovedWithItsLeadWrite() {
        // GIVEN two reps who took leads, one of which was converted
        Caller ana = TestLeads.rep(services, admin, region, team, 5);
        Caller bo = TestLeads.rep(services, admin, region, team, 5);
        Lead first = assignedNow();
        assignedNow();
        assignedNow();
        Caller firstOwner = first.ownerId().equals(ana.userId()) ? ana : bo;
        services.leads().convert(first.id(), first.version(), firstOwner);
        long anaBefore = countOf(ana);
        long boBefore = countOf(bo);

        // WHEN the recount runs
        services.leadChecks().recount().run();

        // THEN neither count moved and nobody heard of a drift
        assertEquals(anaBefore, countOf(ana));
        assertEquals(boBefore, countOf(bo));
        assertEquals(2, anaBefore + boBefore);
        assertEquals(List.of(), driftReportsOf(ana));
        assertEquals(List.of(), driftReportsOf(bo));
    }

    @Test
    void injectedDrift_isFoundCorrectedAndReportedOnce() {
        // GIVEN a rep holding one open lead whose count was written to 4 past the ledger
        Caller ana = TestLeads.rep(services, admin, region, team, 5);
        assignedNow();
        counters.addStanding(Keys.repLoad(ana.userId()), 3, null);
        assertEquals(4, countOf(ana));

        // WHEN the recount runs, and again an hour later
        LeadRecount.Result result = services.leadChecks().recount().run();
        services.leadChecks().recount().run();

        // THEN the count is their one open lead again, and the admin heard of it once
        assertEquals(1, countOf(ana));
        List<Notification> reports = driftReportsOf(ana);
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("4", reports.get(0).payload().get("ledger"));
        assertEquals("1", reports.get(0).payload().get("counted"));
        assertTrue(result.corrected() >= 1, result.toString());
    }

    @Test
    void countBelowTheOpenLeads_isRaisedToThem() {
        // GIVEN a rep holding two open leads whose count was lost (e.g. written before the ledger)
        Caller ana = TestLeads.rep(services, admin, region, team, 5);
        assignedNow();
        assignedNow();
        counters.reset(Keys.repLoad(ana.userId()));

        // WHEN the recount runs
        services.leadChecks().recount().run();

        // THEN the count is two again
        assertEquals(2, countOf(ana));
        assertEquals(1, driftReportsOf(ana).size());
    }

    @Test
    void correction_leavesTheCountAlone_whenALedgerChangeCommittedSinceItWasRead() {
        // GIVEN a rep's count read as 4, then moved by a ledger change to 5
        Caller ana = TestLeads.rep(services, admin, region, team, 5);
        String key = Keys.repLoad(ana.userId());
        counters.addStanding(key, 4, null);
        counters.addStanding(key, 1, null);

        // WHEN a correction based on the read value of 4 is tried
        boolean corrected = new RepLoads(counters).correct(ana.userId(), 4, 0);

        // THEN it is refused and the concurrent change stands
        assertFalse(corrected);
        assertEquals(5, countOf(ana));
    }

    private Lead assignedNow() {
        String leadId = TestLeads.ingest(services, admin, "website", region);
        return services.assignments().assignNew(leadId).orElseThrow();
    }

    private long countOf(Caller rep) {
        return counters.total(Keys.repLoad(rep.userId()));
    }

    private List<Notification> driftReportsOf(Caller rep) {
        return Pages.all(page -> services.outbox().inbox(admin.userId(), false, page))
                .filter(notification -> notification.kind() == NotificationKind.LEAD_COUNT_DRIFT)
                .filter(notification -> rep.userId().equals(notification.payload().get("userId")))
                .toList();
    }
}
