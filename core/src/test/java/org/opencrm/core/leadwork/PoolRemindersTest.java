package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.store.Pages;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * Pool-age reminders on the real DynamoDB Local engine: a pooled lead reminds its region's team
 * leads at 30 min and at 2 h of its stay (the default {@code poolReminders}), each once, and a new
 * stay reminds again.
 */
class PoolRemindersTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);

    @Test
    void pooledLead_remindsTheTeamLeadAt30MinutesAndAt2Hours_eachOnce() {
        // GIVEN a lead pooled in a region without reps
        Lead pooled = pooledNow();

        // WHEN 29 minutes pass and the sweep runs
        clock.advance(Duration.ofMinutes(29));
        sweep();

        // THEN nobody is reminded yet
        assertEquals(List.of(), remindersOf(pooled));

        // WHEN 30 minutes have passed and the sweep runs three times
        clock.advance(Duration.ofMinutes(1));
        sweep();
        sweep();
        sweep();

        // THEN the team lead has one reminder, of 30 minutes
        assertEquals(List.of("30"), remindersOf(pooled));

        // WHEN 2 hours have passed and the sweep runs twice
        clock.advance(Duration.ofMinutes(90));
        sweep();
        sweep();

        // THEN the 2 h reminder came once too, and no third one ever comes
        assertEquals(List.of("120", "30"), remindersOf(pooled));
        clock.advance(Duration.ofDays(2));
        sweep();
        assertEquals(List.of("120", "30"), remindersOf(pooled));
    }

    @Test
    void concurrentSweeps_sendEachReminderOnce() throws Exception {
        // GIVEN a lead pooled for 31 minutes
        Lead pooled = pooledNow();
        clock.advance(Duration.ofMinutes(31));

        // WHEN four sweeps run at the same moment
        List<Integer> reminded =
                Race.run(
                        4,
                        racer ->
                                () ->
                                        services.leadChecks()
                                                        .poolReminders()
                                                        .remind(
                                                                pooled.id(),
                                                                clock.instant(),
                                                                PoolReminderSettings.defaults())
                                                ? 1
                                                : 0);

        // THEN one sweep recorded the reminder and the team lead got it once
        assertEquals(1, reminded.stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of("30"), remindersOf(pooled));
        assertEquals(1, services.leads().get(pooled.id(), admin).work().poolReminders());
    }

    @Test
    void leadPooledAgainLater_remindsAgainInItsNewStay() {
        // GIVEN a pooled lead that reminded the team lead after 30 minutes
        Lead pooled = pooledNow();
        clock.advance(Duration.ofMinutes(31));
        sweep();
        assertEquals(List.of("30"), remindersOf(pooled));

        // WHEN a rep joins and gets it, misses the view window, and it goes back to the pool
        Caller rep = TestLeads.rep(services, admin, region, team, 5);
        Lead assigned = services.assignments().assignOldestPooled(region).orElseThrow();
        assertEquals(rep.userId(), assigned.ownerId());
        clock.advance(Duration.ofMinutes(121));
        services.escalation()
                .apply(pooled.id(), clock.instant(), services.assignments().settings());
        Lead pooledAgain = services.assignments().assignNew(pooled.id()).orElseThrow();
        assertEquals(LeadStatus.UNASSIGNED, pooledAgain.status());

        // THEN the new stay starts afresh: nothing at once, the 30 minute reminder after 30 minutes
        sweep();
        assertEquals(List.of("30"), remindersOf(pooled));
        clock.advance(Duration.ofMinutes(30));
        sweep();
        assertEquals(List.of("30", "30"), remindersOf(pooled));
    }

    private Lead pooledNow() {
        String leadId = TestLeads.ingest(services, admin, "website", region);
        Lead pooled = services.assignments().assignNew(leadId).orElseThrow();
        assertEquals(LeadStatus.UNASSIGNED, pooled.status());
        return pooled;
    }

    private void sweep() {
        services.leadChecks().poolReminders().sweep();
    }

    /** The team lead's pool reminders of this lead: the wait each names, in minutes, sorted. */
    private List<String> remindersOf(Lead lead) {
        return Pages.all(page -> services.outbox().inbox(teamLead.userId(), false, page))
                .filter(notification -> notification.kind() == NotificationKind.LEAD_POOL_REMINDER)
                .filter(notification -> lead.id().equals(notification.payload().get("leadId")))
                .map(notification -> notification.payload().get("waitedMinutes"))
                .sorted()
                .toList();
    }
}
