package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenFieldException;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.time.AppClock;

/** Deal use cases on the real embedded DynamoDB Local engine, evidence from a set the test owns. */
class DealServiceTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    private final DealStore store = new DealStore(dynamo.enhanced(), dynamo.tables());
    private final Set<String> evidenceKinds = new HashSet<>();
    private final DealService deals =
            new DealService(
                    store,
                    services.customers(),
                    services.policy(),
                    services.config(),
                    ids -> Set.copyOf(evidenceKinds),
                    clock);
    private final Caller rep = TestCallers.freshRep("east");
    private final Customer customer = customerOf(rep);

    private Customer customerOf(Caller owner) {
        return services.customers()
                .create(
                        CustomerInput.builder()
                                .name("Buyer Co")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        owner);
    }

    private Deal newDeal(Caller caller, String customerId) {
        return deals.create(
                DealInput.builder()
                        .customerId(customerId)
                        .title("ERP rollout")
                        .amount(1_234_560L)
                        .grossMarginPercent(30)
                        .nextStep("send quote")
                        .build(),
                caller);
    }

    /** Walks the deal forward one stage at a time, an hour in each, up to {@code to}. */
    private Deal walkTo(Deal deal, DealStage to) {
        Pipeline pipeline = Pipeline.defaults();
        Deal current = deal;
        for (PipelineStage next : pipeline.stages()) {
            DealStage stage = next.id();
            if (pipeline.indexOf(stage) <= pipeline.indexOf(current.stage())) {
                continue;
            }
            clock.advance(Duration.ofHours(1));
            current = deals.move(current.id(), current.version(), stage, null, null, rep);
            if (stage == to) {
                break;
            }
        }
        return current;
    }

    @Test
    void createDeal_takesTheCustomersGoldenIdAndOwnership_andStartsInTheFirstStage() {
        Deal created = newDeal(rep, customer.id());

        Deal read = deals.get(created.id(), rep);
        assertEquals(1, read.version());
        assertEquals(customer.id(), read.customerId());
        assertEquals(customer.goldenId(), read.goldenId());
        assertEquals(rep.userId(), read.ownerId());
        assertEquals("team-x", read.team());
        assertEquals("east", read.region());
        assertEquals(DealStage.NEW, read.stage());
        assertEquals(1_234_560L, read.amountFen());
        assertEquals(30, read.grossMarginPercent());
        assertEquals(5, read.progress().probabilityPercent(Pipeline.defaults()));
    }

    @Test
    void createDeal_forACustomerOutOfSight_isNotFound_andByAReadOnlyRole_isForbidden() {
        Caller otherRep = TestCallers.freshRep("east");
        Caller opsDirector = TestCallers.of(Role.OPS_DIRECTOR, null, null);

        assertThrows(NotFoundException.class, () -> newDeal(otherRep, customer.id()));
        assertThrows(ForbiddenFieldException.class, () -> newDeal(opsDirector, customer.id()));
    }

    @Test
    void createDeal_reportsEveryBadField_withRuleAndLimit() {
        DealInput bad =
                DealInput.builder()
                        .customerId(customer.id())
                        .title("x".repeat(DealRules.MAX_TITLE + 1))
                        .amount(-1L)
                        .expectedCloseDate(LocalDate.of(1999, 12, 31))
                        .grossMarginPercent(101)
                        .build();

        ValidationException refused =
                assertThrows(ValidationException.class, () -> deals.create(bad, rep));

        List<String> rules =
                refused.problems().stream()
                        .map(problem -> problem.field() + ":" + problem.rule())
                        .toList();
        assertEquals(
                List.of(
                        "title:maxLength",
                        "amount:min",
                        "grossMarginPercent:range",
                        "expectedCloseDate:range"),
                rules);
        FieldProblem margin = refused.problems().get(2);
        assertEquals(List.of(0, 100), margin.limit());
    }

    @Test
    void deals_listsTheCallersDealsOnly_andAnotherRegionsRepSeesNeither() {
        Deal first = newDeal(rep, customer.id());
        Deal second = newDeal(rep, customerOf(rep).id());
        Caller westRep = TestCallers.freshRep("west");

        List<String> mine =
                deals
                        .list(DealFilter.of(null, null, null, null), PageRequest.of(10, null), rep)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList();
        List<String> ofTheCustomer =
                deals
                        .list(
                                DealFilter.of(customer.id(), null, null, null),
                                PageRequest.of(10, null),
                                rep)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList();

        assertEquals(List.of(second.id(), first.id()), mine);
        assertEquals(List.of(first.id()), ofTheCustomer);
        assertTrue(
                deals.list(
                                DealFilter.of(customer.id(), null, null, null),
                                PageRequest.of(10, null),
                                westRep)
                        .entries()
                        .isEmpty());
        assertThrows(NotFoundException.class, () -> deals.get(first.id(), westRep));
    }

    @Test
    void deals_pagesWithACursor_newestFirst() {
        Deal first = newDeal(rep, customer.id());
        Deal second = newDeal(rep, customer.id());
        Deal third = newDeal(rep, customer.id());
        DealFilter ofTheCustomer = DealFilter.of(customer.id(), null, null, null);

        var page1 = deals.list(ofTheCustomer, PageRequest.of(2, null), rep);
        var page2 = deals.list(ofTheCustomer, PageRequest.of(2, page1.endCursor()), rep);

        assertEquals(
                List.of(third.id(), second.id()),
                page1.entries().stream().map(entry -> entry.item().id()).toList());
        assertTrue(page1.hasNextPage());
        assertEquals(
                List.of(first.id()),
                page2.entries().stream().map(entry -> entry.item().id()).toList());
        assertFalse(page2.hasNextPage());
    }

    @Test
    void deals_byStage_findsOnlyDealsInThatStage() {
        Deal moved = walkTo(newDeal(rep, customer.id()), DealStage.CONTACTED);
        Deal stayed = newDeal(rep, customer.id());

        List<String> contacted =
                deals
                        .list(
                                DealFilter.of(null, null, DealStage.CONTACTED, null),
                                PageRequest.of(10, null),
                                rep)
                        .entries()
                        .stream()
                        .map(entry -> entry.item().id())
                        .toList();

        assertEquals(List.of(moved.id()), contacted);
        assertFalse(contacted.contains(stayed.id()));
    }

    @Test
    void updateDeal_refusesAStaleVersion_carryingTheCurrentOne() {
        Deal deal = newDeal(rep, customer.id());
        DealInput retitle = DealInput.builder().title("ERP rollout, phase 1").build();
        deals.update(deal.id(), 1, retitle, rep);

        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () -> deals.update(deal.id(), 1, retitle, rep));

        assertEquals(2, conflict.currentVersion());
    }

    @Test
    void updateDeal_countsAPush_onlyWhenTheCloseDateMovesLater() {
        Deal deal = newDeal(rep, customer.id());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Deal set = deals.update(deal.id(), 1, closingOn(today.plusDays(30)), rep);
        Deal pushed = deals.update(deal.id(), 2, closingOn(today.plusDays(60)), rep);
        Deal pulledIn = deals.update(deal.id(), 3, closingOn(today.plusDays(45)), rep);

        assertEquals(0, set.progress().closeDatePushes());
        assertEquals(1, pushed.progress().closeDatePushes());
        assertEquals(1, pulledIn.progress().closeDatePushes());
        assertEquals(1, deals.get(deal.id(), rep).progress().closeDatePushes());
        assertEquals(today.plusDays(45), deals.get(deal.id(), rep).expectedCloseDate());
    }

    private static DealInput closingOn(LocalDate date) {
        return DealInput.builder().expectedCloseDate(date).build();
    }

    @Test
    void moveDeal_toContractApproval_isRefusedListingBothRequirements_thenAllowedOnceMet() {
        Deal inNegotiation = walkTo(newDeal(rep, customer.id()), DealStage.NEGOTIATION);

        StageRequirementsUnmetException refused =
                assertThrows(
                        StageRequirementsUnmetException.class,
                        () ->
                                deals.move(
                                        inNegotiation.id(),
                                        inNegotiation.version(),
                                        DealStage.CONTRACT_APPROVAL,
                                        null,
                                        null,
                                        rep));

        assertEquals(
                Set.of("attachments:attachment", "grossMarginPercent:atLeast"),
                refused.unmet().stream()
                        .map(check -> check.field() + ":" + check.rule())
                        .collect(Collectors.toSet()));
        assertEquals(DealStage.NEGOTIATION, deals.get(inNegotiation.id(), rep).stage());

        // WHEN the margin is 40 and a legal opinion is on file
        Deal withMargin =
                deals.update(
                        inNegotiation.id(),
                        inNegotiation.version(),
                        DealInput.builder().grossMarginPercent(40).build(),
                        rep);
        evidenceKinds.add("LEGAL_OPINION");
        clock.advance(Duration.ofHours(5));
        Deal approved =
                deals.move(
                        withMargin.id(),
                        withMargin.version(),
                        DealStage.CONTRACT_APPROVAL,
                        null,
                        "legal signed off",
                        rep);

        assertEquals(DealStage.CONTRACT_APPROVAL, deals.get(approved.id(), rep).stage());
        StageChange last = deals.history(approved).get(0);
        assertEquals(DealStage.NEGOTIATION, last.from());
        assertEquals(DealStage.CONTRACT_APPROVAL, last.to());
        assertEquals(rep.userId(), last.actorId());
        assertEquals(StageChange.MANUAL, last.source());
        assertEquals("legal signed off", last.reason());
        assertEquals(Duration.ofHours(5).toSeconds(), last.secondsInStage());
    }

    @Test
    void stageRequirements_answersEveryCheck_metOrNot_withoutMoving() {
        Deal inNegotiation = walkTo(newDeal(rep, customer.id()), DealStage.NEGOTIATION);

        List<RequirementCheck> checks =
                deals.stageRequirements(inNegotiation.id(), DealStage.CONTRACT_APPROVAL, rep);

        assertEquals(3, checks.size());
        assertTrue(checks.get(0).met(), "the transition itself is allowed");
        assertFalse(checks.get(1).met());
        assertFalse(checks.get(2).met());
        assertEquals(inNegotiation.version(), deals.get(inNegotiation.id(), rep).version());
    }

    @Test
    void historiesOfAPageOfDeals_giveEachDealItsOwnMoves_andAnUnmovedDealNone() {
        Deal unmoved = newDeal(rep, customer.id());
        Deal contacted = walkTo(newDeal(rep, customer.id()), DealStage.CONTACTED);
        Deal demo = walkTo(newDeal(rep, customer.id()), DealStage.DEMO);
        Set<String> page = new LinkedHashSet<>();
        page.add(demo.id());
        page.add(unmoved.id());
        page.add(contacted.id());

        var histories = deals.histories(page);

        assertEquals(
                List.of(demo.id(), unmoved.id(), contacted.id()), List.copyOf(histories.keySet()));
        assertEquals(List.of(), histories.get(unmoved.id()));
        assertEquals(
                List.of(DealStage.CONTACTED),
                histories.get(contacted.id()).stream().map(StageChange::to).toList());
        assertEquals(
                List.of(DealStage.DEMO, DealStage.NEEDS_CONFIRMED, DealStage.CONTACTED),
                histories.get(demo.id()).stream().map(StageChange::to).toList());
    }

    @Test
    void everyMove_writesAHistoryRow_newestFirst_withTheTimeSpentInTheStageLeft() {
        Deal deal = newDeal(rep, customer.id());

        Deal demo = walkTo(deal, DealStage.DEMO);

        List<StageChange> history = deals.history(demo);
        assertEquals(
                List.of(DealStage.DEMO, DealStage.NEEDS_CONFIRMED, DealStage.CONTACTED),
                history.stream().map(StageChange::to).toList());
        assertTrue(
                history.stream()
                        .allMatch(
                                change ->
                                        change.secondsInStage()
                                                == Duration.ofHours(1).toSeconds()));
        assertEquals(
                Duration.ofHours(1).toSeconds(),
                (long) demo.progress().secondsInStage().get(DealStage.NEW));
    }

    @Test
    void stageEntries_readBack_equalTheEntriesOfTheDealsProgress() {
        Deal deal = walkTo(newDeal(rep, customer.id()), DealStage.DEMO);
        clock.advance(Duration.ofHours(2));
        Deal backOne =
                deals.move(deal.id(), deal.version(), DealStage.NEEDS_CONFIRMED, null, null, rep);
        Deal lost = deals.move(backOne.id(), backOne.version(), DealStage.LOST, "PRICE", null, rep);

        Deal stored = deals.get(lost.id(), rep);
        Set<StageEntry> expected =
                Set.copyOf(StageEntry.of(stored.id(), stored.progress(), Pipeline.defaults()));
        Set<StageEntry> readBack = Set.copyOf(store.stageEntriesOf(List.of(stored.id())));

        assertEquals(expected, readBack);
        assertEquals(4, readBack.size());
        assertTrue(
                readBack.stream()
                        .anyMatch(
                                entry ->
                                        entry.stage() == DealStage.NEEDS_CONFIRMED
                                                && entry.lostHere()));
    }

    @Test
    void moveDeal_toLost_needsAConfiguredReason_andKeepsIt() {
        Deal deal = newDeal(rep, customer.id());

        StageRequirementsUnmetException withoutReason =
                assertThrows(
                        StageRequirementsUnmetException.class,
                        () -> deals.move(deal.id(), 1, DealStage.LOST, null, null, rep));
        StageRequirementsUnmetException unknownReason =
                assertThrows(
                        StageRequirementsUnmetException.class,
                        () -> deals.move(deal.id(), 1, DealStage.LOST, "BAD_KARMA", null, rep));
        Deal lost = deals.move(deal.id(), 1, DealStage.LOST, "COMPETITOR", "went elsewhere", rep);

        assertEquals(StageMachine.LOST_REASON, withoutReason.unmet().get(0).field());
        assertEquals(StageMachine.LOST_REASON, unknownReason.unmet().get(0).field());
        Deal stored = deals.get(lost.id(), rep);
        assertEquals(DealStage.LOST, stored.stage());
        assertEquals("COMPETITOR", stored.lostReasonId());
        assertEquals(DealStage.NEW, stored.progress().lostIn());
        assertEquals("COMPETITOR", deals.history(stored).get(0).reason());
    }

    @Test
    void automaticMove_isRecordedAsAutomatic_withTheMatchedText() {
        Deal deal = newDeal(rep, customer.id());

        Deal moved =
                deals.move(
                        DealService.MoveRequest.automatic(
                                deal.id(), 1, DealStage.CONTACTED, "客户回复：可以约时间"),
                        rep);

        StageChange change = deals.history(moved).get(0);
        assertEquals(StageChange.AUTOMATIC, change.source());
        assertEquals("客户回复：可以约时间", change.reason());
    }

    @Test
    void aDealInAStageThatGoesStale_isOnTheSweepsList_andASnoozeMovesItLater() {
        Deal deal = newDeal(rep, customer.id());
        Instant due = deal.staleAt(Pipeline.defaults());
        Instant until = clock.instant().plus(Duration.ofDays(30));

        boolean listedWhenDue =
                store.staleDue(due, 10_000).stream().anyMatch(d -> d.id().equals(deal.id()));
        Deal snoozed = deals.snooze(deal.id(), until, "customer on holiday", rep);
        boolean listedAfterSnooze =
                store.staleDue(due, 10_000).stream().anyMatch(d -> d.id().equals(deal.id()));

        assertTrue(listedWhenDue);
        assertFalse(listedAfterSnooze);
        Deal stored = deals.get(snoozed.id(), rep);
        assertEquals(until, stored.snoozedUntil());
        assertEquals("customer on holiday", stored.snoozeReason());
        assertEquals(until, stored.staleAt(Pipeline.defaults()));
    }

    @Test
    void snoozeDeal_refusesAPastOrFarTime_andNoReason_andAnotherRep() {
        Deal deal = newDeal(rep, customer.id());
        Instant now = clock.instant();

        ValidationException past =
                assertThrows(
                        ValidationException.class,
                        () -> deals.snooze(deal.id(), now.minusSeconds(60), "x", rep));
        ValidationException tooFar =
                assertThrows(
                        ValidationException.class,
                        () -> deals.snooze(deal.id(), now.plus(Duration.ofDays(91)), "", rep));

        assertEquals("future", past.problems().get(0).rule());
        assertEquals(
                List.of("until:maxDaysAhead", "reason:required"),
                tooFar.problems().stream().map(p -> p.field() + ":" + p.rule()).toList());
        assertEquals(DealRules.MAX_SNOOZE_DAYS, tooFar.problems().get(0).limit());
        assertThrows(
                NotFoundException.class,
                () ->
                        deals.snooze(
                                deal.id(),
                                now.plus(Duration.ofDays(1)),
                                "mine now",
                                TestCallers.freshRep("east")));
    }

    @Test
    void snoozeDeal_byTheOwnersTeamLead_isAllowed() {
        Deal deal = newDeal(rep, customer.id());
        Caller teamLead = TestCallers.of(Role.TEAM_LEAD, "east", "team-x");

        Deal snoozed =
                deals.snooze(
                        deal.id(),
                        clock.instant().plus(Duration.ofDays(7)),
                        "budget meeting next week",
                        teamLead);

        assertNull(deals.get(snoozed.id(), rep).lostReasonId());
        assertEquals("budget meeting next week", deals.get(snoozed.id(), rep).snoozeReason());
    }
}
