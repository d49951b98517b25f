package org.opencrm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Role;
import org.opencrm.core.chart.ChartKind;
import org.opencrm.core.chart.ChartLinks;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestOrg;

class RevenueReconcilerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final RevenueReconciler reconciler = services.reports().reconciler();
    private final RevenueStore store = new RevenueStore(dynamo.client(), dynamo.tables());
    private final FactWriter writer = new FactWriter(dynamo);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private MoneyFact fact(
            String contract, FactKind kind, LocalDate date, long fen, Instant recordedAt) {
        return MoneyFact.builder()
                .factId(run + "-" + contract + "-" + kind + "-" + date)
                .contractId(run + "-" + contract)
                .contractNumber("HT-" + contract)
                .customerId("cust-" + run)
                .ownerId("owner-" + run)
                .team("team-" + run)
                .region("region-" + run)
                .kind(kind)
                .date(date)
                .amountFen(fen)
                .taxFen(0)
                .contractVersion(1)
                .recordedAt(recordedAt)
                .actorId("owner-" + run)
                .build();
    }

    @Test
    void
            theMonthlyReport_isWrittenOnce_withTotalsDifferencesAndTopContracts_andSentToEachFinanceTeamOnce() {
        // GIVEN contract A signed 100,000, shipped 60,000, invoiced 40,000; B signed and invoiced
        // 50,000
        String team = TestOrg.uniqueTeam();
        String one = TestOrg.member(services, Role.FINANCE, "east", team).userId();
        String other = TestOrg.member(services, Role.FINANCE, "east", team).userId();
        // the team's message goes to its member with the lowest id
        String first = one.compareTo(other) < 0 ? one : other;
        String second = first.equals(one) ? other : one;
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        LocalDate day = LocalDate.of(2304, 6, 10);
        for (MoneyFact fact :
                List.of(
                        fact("A", FactKind.SIGNING, day, 10_000_000, old),
                        fact("A", FactKind.SHIPMENT, day, 6_000_000, old),
                        fact("A", FactKind.INVOICE, day, 4_000_000, old),
                        fact("B", FactKind.SIGNING, day, 5_000_000, old),
                        fact("B", FactKind.INVOICE, day, 5_000_000, old))) {
            writer.writeOnce(fact);
        }

        // WHEN June's report is asked for twice
        CaliberDifferenceReport report =
                reconciler.differenceReport(YearMonth.of(2304, 6)).orElseThrow();
        boolean writtenAgain = reconciler.differenceReport(YearMonth.of(2304, 6)).isPresent();

        // THEN it holds the totals, the differences and the contract behind signed-minus-invoiced
        assertEquals(
                Map.of(
                        "SIGNED",
                        15_000_000L,
                        "SHIPPED",
                        6_000_000L,
                        "INVOICED",
                        9_000_000L,
                        "COLLECTED",
                        0L),
                report.totalsFen());
        CaliberDifferenceReport.Difference signedNotInvoiced = report.differences().get(3);
        assertEquals("SIGNED", signedNotInvoiced.from());
        assertEquals("INVOICED", signedNotInvoiced.less());
        assertEquals(6_000_000L, signedNotInvoiced.differenceFen());
        assertEquals(
                List.of(run + "-A"),
                signedNotInvoiced.topContracts().stream().map(c -> c.contractId()).toList());
        assertEquals(report, reconciler.differenceReportOf(YearMonth.of(2304, 6)).orElseThrow());
        assertEquals(false, writtenAgain);
        // AND the team's first member got it once (the team robot's message); the second none
        List<Notification> toFirst = reports(first);
        assertEquals(1, toFirst.size());
        assertTrue(
                toFirst.get(0).body().contains("SIGNED − INVOICED: 60000.00"),
                toFirst.get(0).body());
        assertTrue(toFirst.get(0).body().contains("Chart: "));
        assertEquals(List.of(), reports(second));
    }

    @Test
    void aRecentFactNotYetAggregated_isInFlight_butAnOldOneIsDrift() {
        // GIVEN two facts nobody aggregated: one recorded now, one long ago
        LocalDate day = LocalDate.of(2305, 2, 3);
        writer.writeOnce(fact("C", FactKind.PAYMENT, day, 1_000, Instant.now()));
        YearMonth february = YearMonth.of(2305, 2);

        // WHEN the month is reconciled with only the recent one there
        ReconciliationReport recent = reconciler.reconcile(List.of(february));

        // THEN it is pending, not drift
        assertEquals(List.of(), recent.drifts());
        assertEquals(1, recent.pendingFacts());

        // WHEN the aggregator adds it, and an old fact nobody added arrives
        store.apply(fact("C", FactKind.PAYMENT, day, 1_000, Instant.now()), Instant.now());
        writer.writeOnce(
                fact("D", FactKind.PAYMENT, day, 2_000, Instant.parse("2020-01-01T00:00:00Z")));
        ReconciliationReport later = reconciler.reconcile(List.of(february));

        // THEN only the old one is drift: the monthly and the daily item of its group
        assertEquals(0, later.pendingFacts());
        assertEquals(2, later.drifts().size(), later.drifts().toString());
        assertEquals(new Totals(3_000, 0, 2), later.drifts().get(0).expected());
        assertEquals(new Totals(1_000, 0, 1), later.drifts().get(0).actual());
        assertEquals(List.of(run + "-C", run + "-D"), later.drifts().get(0).contractIds());
    }

    @Test
    void theMonthlyMessage_linksTheCalibersChart_signedForItsRecipient() {
        // GIVEN a deployment that knows its API's address, a finance team, and a month's signing
        CoreServices linked =
                CoreServices.build(
                        dynamo.client(),
                        dynamo.tables(),
                        Clock.systemUTC(),
                        Duration.ZERO,
                        LocalDynamo.demoSecrets(),
                        RuntimeEnvironment.of(
                                Map.of(RuntimeEnvironment.API_BASE_URL, "https://api.test/dev/")));
        String team = TestOrg.uniqueTeam();
        String recipient = TestOrg.member(services, Role.FINANCE, "east", team).userId();
        YearMonth month = YearMonth.of(2400 + ThreadLocalRandom.current().nextInt(7_000), 3);
        writer.writeOnce(
                fact(
                        "L",
                        FactKind.SIGNING,
                        month.atDay(4),
                        1_000_000,
                        Instant.parse("2020-01-01T00:00:00Z")));

        // WHEN the month's report is sent
        assertTrue(linked.reports().reconciler().differenceReport(month).isPresent());

        // THEN the recipient's message carries a link to the chart of the month and the five
        // before, which verifies as drawn for that recipient and no one else
        Notification message = reports(recipient).get(0);
        URI link = URI.create(message.payload().get("chartLink"));
        assertTrue(message.body().endsWith("Chart: " + link), message.body());
        assertEquals(
                "https://api.test/dev/charts/link/revenue.svg", link.toString().split("\\?")[0]);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(
                    URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        assertEquals(month.minusMonths(5).toString(), parameters.get("from"));
        assertEquals(month.toString(), parameters.get("to"));
        assertEquals("SIGNED,SHIPPED,INVOICED,COLLECTED", parameters.get("calibers"));
        assertEquals(
                recipient,
                ChartLinks.relative(LocalDynamo.demoSecrets(), Clock.systemUTC())
                        .verify(ChartKind.REVENUE, parameters));
    }

    @Test
    void withoutAnApiAddress_theMonthlyMessageSaysTheChartIsNotLinked() {
        String recipient =
                TestOrg.member(services, Role.FINANCE, "east", TestOrg.uniqueTeam()).userId();
        YearMonth month = YearMonth.of(2400 + ThreadLocalRandom.current().nextInt(7_000), 4);
        writer.writeOnce(
                fact(
                        "N",
                        FactKind.SIGNING,
                        month.atDay(4),
                        1_000_000,
                        Instant.parse("2020-01-01T00:00:00Z")));

        assertTrue(reconciler.differenceReport(month).isPresent());

        Notification message = reports(recipient).get(0);
        assertTrue(message.body().contains("Chart: (not linked"), message.body());
        assertEquals("", message.payload().get("chartLink"));
    }

    private List<Notification> reports(String userId) {
        return services.outbox().inbox(userId, false, PageRequest.of(100, null)).entries().stream()
                .map(entry -> entry.item())
                .filter(n -> n.kind() == NotificationKind.CALIBER_DIFFERENCE_REPORT)
                .toList();
    }
}
