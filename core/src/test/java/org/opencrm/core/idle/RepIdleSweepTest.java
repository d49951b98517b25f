package org.opencrm.core.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.store.Pages;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * The idle watch over the real engine: activity kept monotonically, the sweep reading the sparse
 * index and telling the rep's team lead once per idle stretch. Each test has a region and team of
 * its own; the clock is the test's own.
 */
class RepIdleSweepTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    // The clock starts on Monday 2026-11-02 10:00 in Beijing: the weeks the tests walk through hold
    // no public holiday, so "8 days" is always at least 5 working days whatever day the suite runs
    private final AppClock clock =
            new AppClock(Clock.fixed(Instant.parse("2026-11-02T02:00:00Z"), ZoneOffset.UTC));
    private final CoreServices services = dynamo.services(clock);
    private final RepActivity activity = services.repActivity();
    private final RepIdleSweep sweep = services.repIdle();
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
    private final Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);

    private List<Notification> idleNotices() {
        return Pages.all(page -> services.outbox().inbox(teamLead.userId(), false, page))
                .filter(notification -> notification.kind() == NotificationKind.REP_IDLE)
                .filter(notification -> rep.userId().equals(notification.payload().get("userId")))
                .toList();
    }

    @Test
    void record_isMonotonic_anOlderActivityNeverMovesTheTimeBack() {
        Instant now = clock.instant();

        assertTrue(activity.record(rep.userId(), now));
        assertFalse(activity.record(rep.userId(), now.minusSeconds(60)));
        assertFalse(activity.record(rep.userId(), now));

        assertEquals(now, activity.find(rep.userId()).orElseThrow().lastActivityAt());
    }

    @Test
    void aRepIdleForFiveWorkingDays_isReportedToTheirTeamLeadOnce_andAgainAfterANewStretch() {
        // GIVEN the rep moved a deal by hand (activity) now
        Deal deal = dealOf(rep);
        services.deals().move(deal.id(), deal.version(), DealStage.CONTACTED, null, null, rep);
        Instant firstActivity = activity.find(rep.userId()).orElseThrow().lastActivityAt();

        // WHEN 4 days pass (Monday to Friday: 4 working days) and the sweep runs
        clock.advance(Duration.ofDays(4));
        sweep.sweep();

        // THEN nobody is told yet
        assertTrue(idleNotices().isEmpty());

        // WHEN 8 days have passed (to Tuesday: 6 working days) and the sweep runs twice
        clock.advance(Duration.ofDays(4));
        sweep.sweep();
        sweep.sweep();

        // THEN the team lead was told once, for the stretch that began with that activity
        List<Notification> told = idleNotices();
        assertEquals(1, told.size());
        assertEquals(firstActivity.toString(), told.get(0).payload().get("lastActivityAt"));
        assertTrue(activity.find(rep.userId()).orElseThrow().idleDueAt() == null);

        // WHEN the rep works again, then goes quiet for another 8 days
        services.deals()
                .move(
                        deal.id(),
                        services.deals().get(deal.id(), rep).version(),
                        DealStage.NEEDS_CONFIRMED,
                        null,
                        null,
                        rep);
        clock.advance(Duration.ofDays(8));
        sweep.sweep();

        // THEN the new stretch is reported too: two notices in all
        assertEquals(2, idleNotices().size());
    }

    @Test
    void someoneWhoIsNotASalesRep_isNeverReported_andLeavesTheList() {
        // GIVEN activity of a team lead (kept too: anyone's work is recorded)
        Caller lead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        activity.record(lead.userId(), clock.instant());

        // WHEN 8 days pass and the sweep runs
        clock.advance(Duration.ofDays(8));
        sweep.sweep();

        // THEN no REP_IDLE about them, and they are off the list
        List<Notification> aboutTheLead =
                Pages.all(page -> services.outbox().inbox(teamLead.userId(), false, page))
                        .filter(n -> lead.userId().equals(n.payload().get("userId")))
                        .toList();
        assertTrue(aboutTheLead.isEmpty());
        assertTrue(activity.find(lead.userId()).orElseThrow().idleDueAt() == null);
    }

    private Deal dealOf(Caller owner) {
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("Idle Buyer")
                                        .phone(TestCallers.uniqueMobile())
                                        .build(),
                                owner);
        return services.deals()
                .create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title("Idle deal")
                                .amount(100_00L)
                                .grossMarginPercent(30)
                                .build(),
                        owner);
    }
}
