package org.opencrm.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.StageChange;

/**
 * The activities stream's reactor fed the table's real stream records, each delivered twice, as a
 * retried batch would.
 */
class ActivityReactorTest {

    private final ActivityFixture fx = new ActivityFixture();

    private void deliverTwice(Activity... logged) {
        for (int delivery = 0; delivery < 2; delivery++) {
            fx.recordsOf(logged).forEach(fx.activities.reactor()::onRecord);
        }
    }

    private HighPotential markOf(Customer customer) {
        return fx.activities.service().highPotentials(Set.of(customer.id())).get(customer.id());
    }

    private Deal contactedDeal(Customer customer) {
        Deal deal =
                fx.services
                        .deals()
                        .create(
                                DealInput.builder()
                                        .customerId(customer.id())
                                        .title("Rollout")
                                        .amount(500_000L)
                                        .grossMarginPercent(30)
                                        .build(),
                                fx.rep);
        return fx.services
                .deals()
                .move(deal.id(), deal.version(), DealStage.CONTACTED, null, null, fx.rep);
    }

    private Deal reread(Deal deal) {
        return fx.services.deals().get(deal.id(), fx.rep);
    }

    @Test
    void
            highPotential_atExactlyThreeTrialIntentActivities_withTheReason_evenWhenRecordsComeTwice() {
        // GIVEN two trial-intent activities, one edited (a second record of the same activity)
        Customer customer = fx.customer();
        Activity first = fx.log(customer, "客户说先试试");
        fx.clock.advance(Duration.ofMinutes(1));
        Activity second = fx.log(customer, "能不能给个测试账号");
        fx.activities
                .service()
                .update(second.id(), 1, new ActivityPatch("能不能给个测试账号？", null, null, false), fx.rep);
        deliverTwice(first, second);

        // THEN two activities (three records, each twice) do not mark the customer
        assertEquals(null, markOf(customer));

        // WHEN a third one comes
        fx.clock.advance(Duration.ofMinutes(1));
        Activity third = fx.log(customer, "下周安排部署");
        deliverTwice(first, second, third);

        // THEN the customer is high potential, the reason naming the three and their text
        HighPotential mark = markOf(customer);
        assertEquals(
                List.of(first.id(), second.id(), third.id()),
                mark.activities().stream().map(HighPotential.TagMatchOf::activityId).toList());
        assertEquals(
                List.of("先试试", "给个测试账号", "下周安排"),
                mark.activities().stream().map(HighPotential.TagMatchOf::matched).toList());
        assertTrue(mark.reason().startsWith("先试试 (" + first.id() + ")"), mark.reason());
    }

    @Test
    void aPriceInquiry_movesTheCustomersContactedDealOnce_asAutomatic_andTellsTheOwnerOnce() {
        // GIVEN a customer with a CONTACTED deal
        Customer customer = fx.customer();
        Deal deal = contactedDeal(customer);

        // WHEN a follow-up on the customer asks for a quote, its records delivered twice
        Activity quote = fx.log(customer, "客户要一份报价");
        deliverTwice(quote);

        // THEN the deal is in NEEDS_CONFIRMED, moved once, AUTOMATIC, with the matched text
        Deal moved = reread(deal);
        assertEquals(DealStage.NEEDS_CONFIRMED, moved.stage());
        assertEquals(deal.version() + 1, moved.version());
        StageChange change = fx.services.deals().history(moved).get(0);
        assertEquals(StageChange.AUTOMATIC, change.source());
        assertEquals("报价", change.reason());
        // AND the owner is told once
        assertEquals(
                1,
                fx.inboxKinds(fx.rep.userId()).stream().filter("DEAL_AUTO_MOVED"::equals).count());
    }

    @Test
    void aSecondPriceInquiryWithin72Hours_movesNothing_andOneAfterThemMovesTheNextDeal() {
        // GIVEN a customer with two CONTACTED deals, the first moved by a quote request
        Customer customer = fx.customer();
        Deal older = contactedDeal(customer);
        fx.clock.advance(Duration.ofMinutes(1));
        Deal newer = contactedDeal(customer);
        deliverTwice(fx.log(customer, "要报价"));
        assertEquals(DealStage.NEEDS_CONFIRMED, reread(older).stage(), "the longest in CONTACTED");

        // WHEN another quote request comes 71 hours later
        fx.clock.advance(Duration.ofHours(71));
        deliverTwice(fx.log(customer, "再发一次报价"));

        // THEN the other deal stays CONTACTED
        assertEquals(DealStage.CONTACTED, reread(newer).stage());

        // WHEN one more comes past the 72 hours
        fx.clock.advance(Duration.ofHours(2));
        deliverTwice(fx.log(customer, "参数对比后再报价"));

        // THEN it moves
        assertEquals(DealStage.NEEDS_CONFIRMED, reread(newer).stage());
    }

    @Test
    void anActivityOnTheDealItself_movesThatDeal_andAnEditWithTheKeywordMovesNothing() {
        Customer customer = fx.customer();
        Deal deal = contactedDeal(customer);
        Activity onDeal =
                fx.activities
                        .service()
                        .log(
                                ActivityInput.builder()
                                        .dealId(deal.id())
                                        .kind(ActivityKind.WECHAT)
                                        .body("聊了需求")
                                        .build(),
                                fx.rep);
        // an edit adds the keyword: edits do not move deals
        fx.activities
                .service()
                .update(onDeal.id(), 1, new ActivityPatch("聊了需求，要报价", null, null, false), fx.rep);
        deliverTwice(onDeal);

        assertEquals(DealStage.CONTACTED, reread(deal).stage());
        assertEquals(
                customer.id(), fx.activities.store().find(onDeal.id()).orElseThrow().customerId());
        assertFalse(fx.inboxKinds(fx.rep.userId()).contains("DEAL_AUTO_MOVED"));
        Map<String, HighPotential> none =
                fx.activities.service().highPotentials(Set.of(customer.id()));
        assertTrue(none.isEmpty());
    }
}
