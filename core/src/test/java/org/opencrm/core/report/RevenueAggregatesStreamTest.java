package org.opencrm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestOrg;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Done-when (issue 16): random contracts' facts, fed through the contracts table's real stream to
 * the aggregator with batches delivered twice and the handler crashing mid-batch, give aggregates
 * equal to a from-scratch recount; reconciliation finds no drift, then exactly the one aggregate
 * tampered with. The count is {@code -Drevenue.contracts} (CI default 1,000; RevenueBench in infra
 * runs 10,000).
 */
class RevenueAggregatesStreamTest {

    private static final int YEAR = 2301;
    private static final int CONTRACTS = Integer.getInteger("revenue.contracts", 1_000);
    private static final int BATCH = 100;

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final RevenueStore store = new RevenueStore(dynamo.client(), dynamo.tables());
    private final String run = "rv" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void
            aggregatesEqualARecount_andReconciliationFindsExactlyTheTamperedItem_underRedeliveryAndCrashes() {
        // GIVEN random contracts' facts in the contracts table
        List<MoneyFact> facts = new RandomContracts(16L, run, YEAR).facts(CONTRACTS);
        long started = System.nanoTime();
        new FactWriter(dynamo).writeAll(facts);
        System.out.printf(
                "wrote %,d facts of %,d contracts in %d ms%n",
                facts.size(), CONTRACTS, (System.nanoTime() - started) / 1_000_000);
        String finance =
                TestOrg.member(services, Role.FINANCE, "east", TestOrg.uniqueTeam()).userId();

        // WHEN the stream's records reach the aggregator in batches, some delivered twice, some
        // crashing after N records and redelivered from the failed one or from the start
        List<Record> records = recordsOfThisRun();
        assertEquals(facts.size(), records.size());
        started = System.nanoTime();
        Deliveries deliveries = deliver(records, services.reports().aggregator()::onRecord);
        System.out.printf(
                "delivered %,d records as %,d (%d crashes) in %d ms%n",
                records.size(),
                deliveries.delivered(),
                deliveries.crashes(),
                (System.nanoTime() - started) / 1_000_000);
        assertTrue(deliveries.delivered() > records.size(), "some records came twice");
        assertTrue(deliveries.crashes() > 0, "the handler crashed");

        // THEN every monthly and daily aggregate equals the recount from the facts themselves
        for (Caliber caliber : Caliber.values()) {
            for (int m = 1; m <= 3; m++) {
                YearMonth month = YearMonth.of(YEAR, m);
                assertEquals(expectedMonthly(facts, caliber, month), store.month(caliber, month));
                assertEquals(
                        expectedDaily(facts, caliber, month),
                        store.days(caliber, month.atDay(1), month.atEndOfMonth()));
            }
        }

        // AND reconciliation of the three months finds no drift
        List<YearMonth> months =
                List.of(YearMonth.of(YEAR, 1), YearMonth.of(YEAR, 2), YearMonth.of(YEAR, 3));
        RevenueReconciler reconciler = services.reports().reconciler();
        ReconciliationReport clean = reconciler.reconcile(months);
        assertEquals(List.of(), clean.drifts());
        assertEquals(facts.size(), clean.factsChecked());

        // WHEN one monthly aggregate is tampered with
        MoneyFact victim = facts.get(facts.size() / 2);
        RevenueGroup group = RevenueGroup.of(victim);
        YearMonth victimMonth = YearMonth.from(victim.date());
        tamper(Keys.revenueMonth(victim.caliber().name(), victimMonth.toString()), group.sortKey());

        // THEN reconciliation reports exactly that item, with the contracts behind it
        ReconciliationReport drifted = reconciler.reconcile(months);
        assertEquals(1, drifted.drifts().size(), drifted.drifts().toString());
        ReconciliationReport.Drift drift = drifted.drifts().get(0);
        assertEquals(victim.caliber().name(), drift.caliber());
        assertEquals(victimMonth.toString(), drift.month());
        assertEquals(null, drift.date());
        assertEquals(group, drift.group());
        assertEquals(drift.expected().amountFen() + 1, drift.actual().amountFen());
        assertTrue(drift.contractIds().contains(victim.contractId()));

        // AND finance is told, naming the contracts
        var told =
                services
                        .outbox()
                        .inbox(finance, false, PageRequest.of(100, null))
                        .entries()
                        .stream()
                        .map(entry -> entry.item())
                        .filter(n -> n.kind() == NotificationKind.RECONCILIATION_DRIFT)
                        .filter(n -> n.payload().get("reportRanAt").equals(drifted.ranAt()))
                        .toList();
        assertEquals(1, told.size());
        assertTrue(told.get(0).payload().get("contractIds").contains(victim.contractId()));
        assertFalse(reconciler.latest(5).isEmpty());
    }

    private List<Record> recordsOfThisRun() {
        String prefix = Keys.contractFact(run);
        return new StreamReader(dynamo.streams())
                .allRecords(dynamo.tables().contracts()).stream()
                        .filter(record -> record.dynamodb().keys().get("id").s().startsWith(prefix))
                        .toList();
    }

    private record Deliveries(int delivered, int crashes) {}

    /**
     * Like a stream event source mapping: batches in order; a batch whose handler fails is sent
     * again from the failed record (partial batch failure) or, when the process died, whole; some
     * batches are simply delivered twice. A crash comes after the record was handled, before the
     * answer: the redelivered record was already counted.
     */
    private static Deliveries deliver(List<Record> records, Consumer<Record> handler) {
        Random random = new Random(21L);
        int delivered = 0;
        int crashes = 0;
        for (int from = 0; from < records.size(); from += BATCH) {
            List<Record> batch = records.subList(from, Math.min(records.size(), from + BATCH));
            int crashAfter = random.nextInt(4) == 0 ? random.nextInt(batch.size()) : -1;
            if (crashAfter >= 0) {
                for (int i = 0; i <= crashAfter; i++) {
                    handler.accept(batch.get(i));
                    delivered++;
                }
                crashes++;
                // the process died mid-batch: the whole batch comes again
                int restart = random.nextBoolean() ? 0 : crashAfter;
                batch = batch.subList(restart, batch.size());
            }
            int times = random.nextInt(3) == 0 ? 2 : 1;
            for (int t = 0; t < times; t++) {
                for (Record record : batch) {
                    handler.accept(record);
                    delivered++;
                }
            }
        }
        return new Deliveries(delivered, crashes);
    }

    private void tamper(String partition, String sortKey) {
        dynamo.client()
                .updateItem(
                        b ->
                                b.tableName(dynamo.tables().reports())
                                        .key(
                                                Map.of(
                                                        "pk", AttributeValue.fromS(partition),
                                                        "sk", AttributeValue.fromS(sortKey)))
                                        .updateExpression("ADD amountFen :one")
                                        .expressionAttributeValues(
                                                Map.of(":one", AttributeValue.fromN("1"))));
    }

    private static Map<RevenueGroup, Totals> expectedMonthly(
            List<MoneyFact> facts, Caliber caliber, YearMonth month) {
        Map<RevenueGroup, Totals> expected = new HashMap<>();
        of(facts, caliber, month)
                .forEach(
                        fact ->
                                expected.merge(
                                        new RevenueGroup(
                                                fact.region(),
                                                fact.team(),
                                                fact.ownerId(),
                                                fact.kind()),
                                        new Totals(fact.amountFen(), fact.taxFen(), 1),
                                        Totals::plus));
        return expected;
    }

    private static Map<DayGroup, Totals> expectedDaily(
            List<MoneyFact> facts, Caliber caliber, YearMonth month) {
        Map<DayGroup, Totals> expected = new HashMap<>();
        of(facts, caliber, month)
                .forEach(
                        fact ->
                                expected.merge(
                                        new DayGroup(
                                                fact.date(),
                                                new RevenueGroup(
                                                        fact.region(),
                                                        fact.team(),
                                                        fact.ownerId(),
                                                        fact.kind())),
                                        new Totals(fact.amountFen(), fact.taxFen(), 1),
                                        Totals::plus));
        return expected;
    }

    private static List<MoneyFact> of(List<MoneyFact> facts, Caliber caliber, YearMonth month) {
        return facts.stream()
                .filter(fact -> fact.caliber() == caliber)
                .filter(fact -> YearMonth.from(fact.date()).equals(month))
                .toList();
    }
}
