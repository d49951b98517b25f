package org.opencrm.core.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestFacts;
import org.opencrm.core.testing.TestOrg;

/**
 * The split-order watch fed the contracts table's real stream records (DynamoDB Local), with
 * batches delivered again and facts arriving in any order.
 */
class SplitOrderReactorTest {

    private final SplitOrderFixture fx = new SplitOrderFixture();

    /**
     * Three signings of one customer on days 0, 1 and 2, 200,000.00 each, written and delivered:
     * the group that raises one anomaly.
     */
    private List<MoneyFact> raisedGroup(String customer) {
        List<MoneyFact> group =
                List.of(
                        fx.signing(customer, 0, 200_000),
                        fx.signing(customer, 1, 200_000),
                        fx.signing(customer, 2, 200_000));
        fx.write(group.toArray(MoneyFact[]::new));
        fx.deliver(group.toArray(MoneyFact[]::new));
        return group;
    }

    private static List<String> contractIds(Anomaly anomaly) {
        return anomaly.contracts().stream().map(SignedContract::contractId).toList();
    }

    @Test
    void threeContractsWithinSevenDaysTotalling600k_raiseExactlyOneSplitOrder_deliveredTwice() {
        // GIVEN three signings of one customer on days 0, 3 and 6, 200,000.00 each
        String customer = SplitOrderFixture.newId();
        MoneyFact first = fx.signing(customer, 0, 200_000);
        MoneyFact second = fx.signing(customer, 3, 200_000);
        MoneyFact third = fx.signing(customer, 6, 200_000);
        fx.write(first, second, third);

        // WHEN the stream delivers the batch, and then the same batch again
        fx.deliver(first, second, third);
        fx.deliver(first, second, third);

        // THEN one SPLIT_ORDER holds the three, with its total and window
        List<Anomaly> raised = fx.anomalies();
        assertEquals(1, raised.size());
        Anomaly anomaly = raised.get(0);
        assertEquals(AnomalyKind.SPLIT_ORDER, anomaly.kind());
        assertEquals(AnomalyStatus.OPEN, anomaly.status());
        assertEquals(customer, anomaly.customerId());
        assertEquals(
                List.of(first.contractId(), second.contractId(), third.contractId()),
                contractIds(anomaly));
        assertEquals(
                List.of(first.contractNumber(), second.contractNumber(), third.contractNumber()),
                anomaly.contracts().stream().map(SignedContract::contractNumber).toList());
        assertEquals(60_000_000L, anomaly.totalFen());
        assertEquals(first.date(), anomaly.windowFrom());
        assertEquals(third.date(), anomaly.windowTo());
        // AND the region manager and finance are told once each
        assertEquals(1, fx.splitOrderNotices(fx.manager));
        assertEquals(1, fx.splitOrderNotices(fx.finance));
    }

    @Test
    void aFourthContractJoiningTheGroup_extendsTheSameAnomaly_andTellsNobodyAgain() {
        String customer = SplitOrderFixture.newId();
        List<MoneyFact> group = raisedGroup(customer);
        MoneyFact first = group.get(0);
        MoneyFact second = group.get(1);
        MoneyFact third = group.get(2);
        Anomaly raised = fx.anomalies().get(0);

        // WHEN a fourth contract is signed on day 5
        MoneyFact fourth = fx.signing(customer, 5, 150_000);
        fx.write(fourth);
        fx.deliver(fourth);
        fx.deliver(fourth);

        // THEN still one anomaly, now holding four contracts and their total
        List<Anomaly> anomalies = fx.anomalies();
        assertEquals(1, anomalies.size());
        Anomaly extended = anomalies.get(0);
        assertEquals(raised.id(), extended.id());
        assertEquals(
                List.of(
                        first.contractId(),
                        second.contractId(),
                        third.contractId(),
                        fourth.contractId()),
                contractIds(extended));
        assertEquals(75_000_000L, extended.totalFen());
        assertEquals(fourth.date(), extended.windowTo());
        assertEquals(1, fx.splitOrderNotices(fx.manager));
        assertEquals(1, fx.splitOrderNotices(fx.finance));
    }

    @Test
    void aContractSharingOnlyALaterWindowWithTheGroup_joinsTheSameAnomaly_notANewOne() {
        // GIVEN a group raised on days 0, 1 and 2
        String customer = SplitOrderFixture.newId();
        List<MoneyFact> group = raisedGroup(customer);
        MoneyFact first = group.get(0);
        MoneyFact second = group.get(1);
        MoneyFact third = group.get(2);

        // WHEN a contract on day 7 comes: outside the first's window, inside the one opening on
        // day 1 (second, third and it: 600,000.00 on their own)
        MoneyFact late = fx.signing(customer, 7, 200_000);
        fx.write(late);
        fx.deliver(late);

        // THEN the claims on second and third bring it into the anomaly already raised
        List<Anomaly> anomalies = fx.anomalies();
        assertEquals(1, anomalies.size());
        assertEquals(
                List.of(
                        first.contractId(),
                        second.contractId(),
                        third.contractId(),
                        late.contractId()),
                contractIds(anomalies.get(0)));
        assertEquals(first.date(), anomalies.get(0).windowFrom());
        assertEquals(late.date(), anomalies.get(0).windowTo());
    }

    @Test
    void theThreeFactsArrivingInAnyOrder_raiseOneAnomaly() {
        String customer = SplitOrderFixture.newId();
        MoneyFact first = fx.signing(customer, 0, 200_000);
        MoneyFact second = fx.signing(customer, 4, 200_000);
        MoneyFact third = fx.signing(customer, 6, 200_000);
        fx.write(first, second, third);

        // WHEN the records come last-first, one of them redelivered in between
        fx.deliver(third, second);
        fx.deliver(third);
        fx.deliver(first);
        fx.deliver(second, first, third);

        List<Anomaly> anomalies = fx.anomalies();
        assertEquals(1, anomalies.size());
        assertEquals(
                List.of(first.contractId(), second.contractId(), third.contractId()),
                contractIds(anomalies.get(0)));
    }

    @Test
    void twoCustomersWithThreeBetweenThem_raiseNone() {
        String one = SplitOrderFixture.newId();
        String other = SplitOrderFixture.newId();
        MoneyFact a = fx.signing(one, 0, 300_000);
        MoneyFact b = fx.signing(one, 1, 300_000);
        MoneyFact c = fx.signing(other, 2, 300_000);
        fx.write(a, b, c);

        fx.deliver(a, b, c);

        assertEquals(List.of(), fx.anomalies());
        assertEquals(0, fx.splitOrderNotices(fx.finance));
    }

    @Test
    void contractsEightDaysApart_raiseNone() {
        String customer = SplitOrderFixture.newId();
        MoneyFact a = fx.signing(customer, 0, 300_000);
        MoneyFact b = fx.signing(customer, 8, 300_000);
        MoneyFact c = fx.signing(customer, 16, 300_000);
        fx.write(a, b, c);

        fx.deliver(a, b, c);

        assertEquals(List.of(), fx.anomalies());
    }

    @Test
    void aVoidedContract_isNotCounted_soTwoLeftRaiseNone() {
        String customer = SplitOrderFixture.newId();
        MoneyFact a = fx.signing(customer, 0, 300_000);
        MoneyFact b = fx.signing(customer, 1, 300_000);
        MoneyFact voidB = TestFacts.voiding(b, SplitOrderFixture.MONDAY.plusDays(2));
        fx.write(a, b, voidB);
        fx.deliver(a, b, voidB);

        // WHEN a third contract comes, totalling 600k with the voided one, 300k+300k without
        MoneyFact c = fx.signing(customer, 3, 300_000);
        fx.write(c);
        fx.deliver(c);

        // THEN a and c alone are two contracts: no anomaly
        assertEquals(List.of(), fx.anomalies());
    }

    @Test
    void signingsFiledUnderAGoldenIdTheCustomerAbsorbed_countTowardsThatCustomer() {
        // GIVEN a customer that absorbed a merged lead's golden id
        Customer survivor =
                fx.services
                        .customers()
                        .create(
                                CustomerInput.builder()
                                        .name("Survivor " + SplitOrderFixture.newId())
                                        .phone(TestCallers.uniqueMobile())
                                        .region(fx.region)
                                        .build(),
                                fx.rep);
        String absorbed = "golden-" + SplitOrderFixture.newId();
        fx.services.customers().absorbGoldenId(survivor.id(), absorbed);

        // WHEN two signings name the customer and one names the absorbed golden id
        MoneyFact a = fx.signing(survivor.id(), 0, 200_000);
        MoneyFact b = fx.signing(survivor.id(), 1, 200_000);
        MoneyFact c = fx.signing(absorbed, 2, 200_000);
        fx.write(a, b, c);
        fx.deliver(a, b, c);

        // THEN they are one group of the survivor
        List<Anomaly> anomalies = fx.anomalies();
        assertEquals(1, anomalies.size());
        assertEquals(survivor.id(), anomalies.get(0).customerId());
        assertEquals(3, anomalies.get(0).contracts().size());
    }

    @Test
    void reviewing_closesTheAnomalyOnce_andOnlyForThoseWhoMay() {
        String customer = SplitOrderFixture.newId();
        raisedGroup(customer);
        String id = fx.anomalies().get(0).id();
        AnomalyService anomalies = fx.services.anomalies();

        // a rep may not even see it; a manager of another region neither
        assertThrows(
                NotFoundException.class,
                () -> anomalies.review(id, AnomalyDecision.DISMISSED, null, fx.rep));
        var elsewhere = TestOrg.member(fx.services, Role.REGION_MANAGER, "elsewhere", null);
        assertThrows(
                NotFoundException.class,
                () -> anomalies.review(id, AnomalyDecision.DISMISSED, null, elsewhere));

        // WHEN finance confirms it
        Anomaly reviewed = anomalies.review(id, AnomalyDecision.CONFIRMED, " 同一项目拆单 ", fx.finance);

        // THEN it is REVIEWED with the decision, note and reviewer, as read back
        Anomaly stored = anomalies.get(id, fx.manager);
        assertEquals(AnomalyStatus.REVIEWED, stored.status());
        assertEquals(AnomalyDecision.CONFIRMED, stored.decision());
        assertEquals("同一项目拆单", stored.note());
        assertEquals(fx.finance.userId(), stored.reviewedBy());
        assertEquals(reviewed.version(), stored.version());
        // AND a second review is refused, naming the rule
        ValidationException again =
                assertThrows(
                        ValidationException.class,
                        () -> anomalies.review(id, AnomalyDecision.DISMISSED, null, fx.manager));
        assertEquals("state", again.problems().get(0).rule());
    }
}
