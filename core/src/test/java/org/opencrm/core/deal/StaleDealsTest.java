package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * The stale sweep on the real embedded DynamoDB Local engine: each test's deal lives in a
 * region and team of its own, so its managers hear only of it; the clock is the test's own.
 */
class StaleDealsTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    private final DealStore store = new DealStore(dynamo.enhanced(), dynamo.tables());
    private final DealService deals = services.deals();
    private final StaleDeals sweep = services.staleDeals();
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);

    private Deal dealInNegotiation() {
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("Stale Buyer")
                                        .phone(TestCallers.uniqueMobile())
                                        .build(),
                                rep);
        Deal deal =
                deals.create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title("Warehouse deal")
                                .amount(500_000L)
                                .grossMarginPercent(30)
                                .build(),
                        rep);
        return deals.move(deal.id(), deal.version(), DealStage.NEGOTIATION, null, null, rep);
    }

    private List<Notification> staleNoticesOf(Caller recipient) {
        return Pages.all(page -> services.outbox().inbox(recipient.userId(), false, page))
                .filter(notification -> notification.kind() == NotificationKind.DEAL_STALE)
                .toList();
    }

    private boolean onTheSweepsList(Deal deal) {
        return Pages.all(page -> store.staleDue(clock.instant(), page))
                .anyMatch(due -> due.id().equals(deal.id()));
    }

    @Test
    void aDealPastItsStalenessDays_isFlagged_andItsTeamLeadToldOnce_andASecondSweepFindsNothing() {
        // GIVEN a deal in NEGOTIATION (stale after 14 days) and the owner's team lead
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Deal deal = dealInNegotiation();

        // WHEN 15 days pass and the sweep runs twice
        clock.advance(Duration.ofDays(15));
        StaleDeals.Sweep first = sweep.sweep();
        StaleDeals.Sweep second = sweep.sweep();

        // THEN the deal is flagged, listed as stale, off the sweep's list, and told once
        assertTrue(deals.get(deal.id(), rep).stale());
        assertTrue(first.flagged() >= 1);
        assertEquals(new StaleDeals.Sweep(0, 0), second);
        assertFalse(onTheSweepsList(deal));
        List<String> staleListed =
                deals
                        .list(
                                DealFilter.of(null, rep.userId(), null, true),
                                PageRequest.of(100, null),
                                rep)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList();
        assertEquals(List.of(deal.id()), staleListed);
        List<Notification> notices = staleNoticesOf(teamLead);
        assertEquals(1, notices.size());
        assertEquals(deal.id(), notices.get(0).payload().get("dealId"));
        assertEquals("NEGOTIATION", notices.get(0).payload().get("stage"));
    }

    @Test
    void theOrgWideStaleList_readsTheFlaggedDeals_andADealMovedOnLeavesIt() {
        // GIVEN two negotiations of this region, one flagged stale after 15 days
        Deal fresh = dealInNegotiation();
        Deal old = dealInNegotiation();
        clock.advance(Duration.ofDays(10));
        Deal freshNow = deals.move(fresh.id(), fresh.version(), DealStage.DEMO, null, null, rep);
        clock.advance(Duration.ofDays(5));
        sweep.sweep();

        // WHEN an org-wide caller lists stale deals, all of them and this region's
        List<String> orgWide = staleIds(DealFilter.builder().stale(true).build());
        List<String> thisRegion = staleIds(DealFilter.builder().stale(true).region(region).build());

        // THEN only the flagged one is listed; moved on, it leaves the list
        assertTrue(orgWide.contains(old.id()));
        assertFalse(orgWide.contains(freshNow.id()));
        assertEquals(List.of(old.id()), thisRegion);
        Deal flagged = deals.get(old.id(), rep);
        deals.move(flagged.id(), flagged.version(), DealStage.DEMO, null, null, rep);
        assertEquals(List.of(), staleIds(DealFilter.builder().stale(true).region(region).build()));
    }

    private List<String> staleIds(DealFilter filter) {
        return Pages.all(page -> store.list(filter, page)).map(Deal::id).toList();
    }

    @Test
    void aDealNotYetPastItsStalenessDays_isNeitherFlaggedNorNotified() {
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Deal deal = dealInNegotiation();

        clock.advance(Duration.ofDays(13));
        sweep.sweep();

        assertFalse(deals.get(deal.id(), rep).stale());
        assertTrue(staleNoticesOf(teamLead).isEmpty());
    }

    @Test
    void aSnoozedDeal_isNotFlaggedUntilTheSnoozeEnds_thenIsFlaggedOnce() {
        // GIVEN a negotiation snoozed on day 13 until day 20
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Deal deal = dealInNegotiation();
        Instant entered = deal.progress().stageEnteredAt();
        clock.advance(Duration.ofDays(13));
        deals.snooze(deal.id(), entered.plus(Duration.ofDays(20)), "buyer on holiday", rep);

        // WHEN the sweep runs on day 15, then on day 21
        clock.advance(Duration.ofDays(2));
        sweep.sweep();
        boolean staleOnDay15 = deals.get(deal.id(), rep).stale();
        int noticesOnDay15 = staleNoticesOf(teamLead).size();
        clock.advance(Duration.ofDays(6));
        sweep.sweep();

        // THEN it is flagged only after the snooze, and told once
        assertFalse(staleOnDay15);
        assertEquals(0, noticesOnDay15);
        assertTrue(deals.get(deal.id(), rep).stale());
        assertEquals(1, staleNoticesOf(teamLead).size());
    }

    @Test
    void aDealMovedOutOfItsStaleStage_isNoLongerDue() {
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Deal deal = dealInNegotiation();
        clock.advance(Duration.ofDays(10));
        // back one step: DEMO's own 21 days start now
        deals.move(deal.id(), deal.version(), DealStage.DEMO, null, "budget reopened", rep);

        clock.advance(Duration.ofDays(10));
        sweep.sweep();

        assertFalse(onTheSweepsList(deal));
        assertFalse(deals.get(deal.id(), rep).stale());
        assertTrue(staleNoticesOf(teamLead).isEmpty());
    }

    @Test
    void aDealReenteringItsStaleStage_isToldAgain_forTheNewStageEntry() {
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        Deal deal = dealInNegotiation();
        clock.advance(Duration.ofDays(15));
        sweep.sweep();
        Deal flagged = deals.get(deal.id(), rep);
        Deal back = deals.move(flagged.id(), flagged.version(), DealStage.DEMO, null, null, rep);
        Deal again = deals.move(back.id(), back.version(), DealStage.NEGOTIATION, null, null, rep);

        clock.advance(Duration.ofDays(15));
        sweep.sweep();

        assertTrue(deals.get(again.id(), rep).stale());
        assertEquals(2, staleNoticesOf(teamLead).size());
    }

    @Test
    void flagStale_refusesADealReadBeforeItMoved() {
        // GIVEN a deal read while due, then moved by its owner
        Deal deal = dealInNegotiation();
        clock.advance(Duration.ofDays(15));
        Deal readBySweep = store.find(deal.id()).orElseThrow();
        deals.move(deal.id(), deal.version(), DealStage.DEMO, null, null, rep);

        // WHEN the sweep's flag lands after the move
        boolean flagged =
                store.flagStale(
                        readBySweep,
                        Pipeline.defaults(),
                        new WriteStamp(StaleDeals.SYSTEM, "test", null, clock.instant()));

        // THEN it is refused and the moved deal stays unflagged
        assertFalse(flagged);
        assertFalse(deals.get(deal.id(), rep).stale());
    }

    @Test
    void withoutATeamLead_theRegionManagerIsTold_andWithoutOne_theAdmins() {
        Deal deal = dealInNegotiation();
        Caller admin = TestOrg.member(services, Role.ADMIN, null, null);

        List<String> withoutAnyManager = sweep.managersOf(deal);
        Caller regionManager = TestOrg.member(services, Role.REGION_MANAGER, region, null);
        List<String> withARegionManager = sweep.managersOf(deal);
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, region, team);
        List<String> withATeamLead = sweep.managersOf(deal);

        assertTrue(withoutAnyManager.contains(admin.userId()));
        assertEquals(List.of(regionManager.userId()), withARegionManager);
        assertEquals(List.of(teamLead.userId()), withATeamLead);
    }

    @Test
    void isDue_onlyOnceTheStalenessDaysOrTheSnoozePassed_andNotWhenAlreadyFlagged() {
        Pipeline pipeline = Pipeline.defaults();
        Instant entered = Instant.parse("2026-01-01T00:00:00Z");
        Deal negotiation =
                Deal.builder()
                        .id("d-1")
                        .customerId("c-1")
                        .progress(
                                DealProgress.start(DealStage.NEW, entered)
                                        .move(pipeline, DealStage.NEGOTIATION, entered)
                                        .progress())
                        .createdAt(entered)
                        .build();
        Instant day14 = entered.plus(Duration.ofDays(14));
        Instant day20 = entered.plus(Duration.ofDays(20));

        assertFalse(StaleDeals.isDue(negotiation, pipeline, day14.minusSeconds(1)));
        assertTrue(StaleDeals.isDue(negotiation, pipeline, day14));
        assertFalse(StaleDeals.isDue(negotiation.toBuilder().stale(true).build(), pipeline, day20));
        Deal snoozed = negotiation.toBuilder().snoozedUntil(day20).build();
        assertFalse(StaleDeals.isDue(snoozed, pipeline, day20.minusSeconds(1)));
        assertTrue(StaleDeals.isDue(snoozed, pipeline, day20));
    }
}
