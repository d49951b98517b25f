package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.testing.StreamReader;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;

/**
 * Done-when (issue 16): one contract's signed, shipped and invoiced money in one {@code revenue}
 * row; a report definition changed only with a change ticket, its old version still readable and
 * every answer naming the version that produced it.
 */
class RevenueGraphqlTest {

    private static final String REVENUE =
            "query($from: DateTime!, $to: DateTime!, $groupBy: [RevenueDimension!]!,"
                    + " $calibers: [Caliber!]!, $version: Int) {"
                    + " revenue(from: $from, to: $to, groupBy: $groupBy, calibers: $calibers,"
                    + " definitionVersion: $version) {"
                    + " definitionVersion rows { month region ownerId values { caliber amount } }"
                    + " excluded { reason count amount } } }";
    private static final String SET_DEFINITION =
            "mutation($expected: Int!, $definition: JSON!, $note: String!, $ticket: String!) {"
                    + " setReportDefinition(name: \"revenue\", expectedVersion: $expected,"
                    + " definition: $definition, changeNote: $note, changeTicket: $ticket) {"
                    + " version changeTicket changeNote definition } }";
    private static final String DEFINITION =
            "query($version: Int) { reportDefinition(name: \"revenue\", version: $version) {"
                    + " version changeTicket changeNote definition } }";

    private final GraphqlFixture api = new GraphqlFixture();
    private final String region = "rv-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> finance =
            api.claims("finance-" + UUID.randomUUID(), "FINANCE", region);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aContractSigned100kShipped60kInvoiced40k_showsTheThreeNumbersInOneRow() {
        // GIVEN a rep's contract: 100,000 signed, 60,000 shipped, 40,000 invoiced in one month
        String repId = "rep-" + UUID.randomUUID();
        Map<String, String> rep = api.claims(repId, "SALES_REP", region);
        String contract = "ct-" + run;
        record(fact(contract, repId, FactKind.SIGNING, LocalDate.of(2302, 3, 2), 10_000_000));
        record(fact(contract, repId, FactKind.SHIPMENT, LocalDate.of(2302, 3, 9), 6_000_000));
        record(fact(contract, repId, FactKind.INVOICE, LocalDate.of(2302, 3, 20), 4_000_000));
        aggregateThisRun();

        // WHEN finance and the rep ask for March by month and owner
        JsonNode byFinance =
                revenue(finance, "2302-03-01T00:00:00+08:00", "2302-04-01T00:00:00+08:00", null);
        JsonNode byRep =
                revenue(rep, "2302-03-01T00:00:00+08:00", "2302-04-01T00:00:00+08:00", null);

        // THEN the owner's row holds the three numbers side by side, for both
        for (JsonNode answer : List.of(byFinance, byRep)) {
            JsonNode row = rowOf(answer, repId);
            assertEquals("2302-03", row.at("/month").asText(), answer.toString());
            assertEquals(
                    List.of("SIGNED=100000.00", "SHIPPED=60000.00", "INVOICED=40000.00"),
                    values(row));
        }
        // AND another rep sees none of it
        JsonNode other =
                revenue(
                        api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region),
                        "2302-03-01T00:00:00+08:00",
                        "2302-04-01T00:00:00+08:00",
                        null);
        assertTrue(
                other.at("/data/revenue/rows").findValuesAsText("ownerId").stream()
                        .noneMatch(repId::equals),
                other.toString());
    }

    @Test
    void changingTheDefinition_needsAChangeTicket_andTheOldVersionStaysReadable() {
        // GIVEN a return of 5,000 shipped
        String repId = "rep-" + UUID.randomUUID();
        String contract = "ct-" + run;
        record(fact(contract, repId, FactKind.SHIPMENT, LocalDate.of(2303, 5, 2), 2_000_000));
        record(fact(contract, repId, FactKind.RETURN, LocalDate.of(2303, 5, 12), -500_000));
        aggregateThisRun();
        long before =
                api.run(finance, DEFINITION, new LinkedHashMap<>())
                        .at("/data/reportDefinition/version")
                        .asLong();
        Map<String, Object> excludeReturns =
                Map.of(
                        "shipped",
                        Map.of(
                                "reversals",
                                "EXCLUDED",
                                "basis",
                                "GROSS",
                                "exclusionReason",
                                "returns are booked by the warehouse"));

        // WHEN the change comes without a ticket, or with a ticket of the wrong shape
        JsonNode noTicket = api.run(finance, SET_DEFINITION, change(before, excludeReturns, ""));
        JsonNode badTicket =
                api.run(finance, SET_DEFINITION, change(before, excludeReturns, "FIN-2026-3"));

        // THEN both are refused with the field, the rule and the shape
        JsonNode missing = noTicket.at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", missing.at("/code").asText(), noTicket.toString());
        assertEquals("changeTicket", missing.at("/field").asText());
        assertEquals("required", missing.at("/rule").asText());
        JsonNode misshapen = badTicket.at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", misshapen.at("/code").asText(), badTicket.toString());
        assertEquals("changeTicket", misshapen.at("/field").asText());
        assertEquals("pattern", misshapen.at("/rule").asText());
        assertEquals("FIN-YYYYMMDD-NNN", misshapen.at("/limit").asText());
        assertEquals(
                before,
                api.run(finance, DEFINITION, new LinkedHashMap<>())
                        .at("/data/reportDefinition/version")
                        .asLong());

        // WHEN it comes with a ticket
        JsonNode changed =
                api.run(
                        finance,
                        SET_DEFINITION,
                        change(before, excludeReturns, "FIN-20260215-003"));

        // THEN a new version answers, naming itself and what it excluded
        JsonNode version = changed.at("/data/setReportDefinition");
        assertEquals(before + 1, version.at("/version").asLong(), changed.toString());
        assertEquals("FIN-20260215-003", version.at("/changeTicket").asText());
        JsonNode answer =
                revenue(finance, "2303-05-01T00:00:00+08:00", "2303-06-01T00:00:00+08:00", null);
        assertEquals(
                before + 1,
                answer.at("/data/revenue/definitionVersion").asLong(),
                answer.toString());
        assertEquals(List.of("SHIPPED=20000.00"), values(rowOf(answer, repId)));
        JsonNode excluded = answer.at("/data/revenue/excluded/0");
        assertTrue(excluded.at("/reason").asText().contains("returns are booked by the warehouse"));
        assertEquals(1, excluded.at("/count").asInt());
        assertEquals("-5000.00", excluded.at("/amount").asText());

        // AND the old version stays readable, and still answers as it did
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("version", before);
        JsonNode oldVersion = api.run(finance, DEFINITION, old).at("/data/reportDefinition");
        assertEquals(before, oldVersion.at("/version").asLong(), oldVersion.toString());
        JsonNode oldAnswer =
                revenue(finance, "2303-05-01T00:00:00+08:00", "2303-06-01T00:00:00+08:00", before);
        assertEquals(before, oldAnswer.at("/data/revenue/definitionVersion").asLong());
        assertEquals(List.of("SHIPPED=15000.00"), values(rowOf(oldAnswer, repId)));
    }

    @Test
    void financeReadsTheReconciliationAndMonthlyReports_aRepMayNot_andABadMonthIsBadInput() {
        // GIVEN a fact the aggregator never saw, reconciled, and its month's difference report
        String repId = "rep-" + UUID.randomUUID();
        record(fact("ct-" + run, repId, FactKind.SIGNING, LocalDate.of(2306, 1, 5), 1_000_000));
        var reconciler = api.services.reports().reconciler();
        var report = reconciler.reconcile(List.of(java.time.YearMonth.of(2306, 1)));
        reconciler.differenceReport(java.time.YearMonth.of(2306, 1));

        // WHEN finance reads both, a rep asks for the reconciliation, finance asks for "June"
        JsonNode reports =
                api.run(finance, "{ reconciliationReports(first: 1) }", new LinkedHashMap<>());
        JsonNode monthly =
                api.run(
                        finance,
                        "{ caliberDifferenceReport(month: \"2306-01\") }",
                        new LinkedHashMap<>());
        JsonNode byRep =
                api.run(
                        api.claims(repId, "SALES_REP", region),
                        "{ reconciliationReports(first: 1) }",
                        new LinkedHashMap<>());
        JsonNode badMonth =
                api.run(
                        finance,
                        "{ caliberDifferenceReport(month: \"June\") }",
                        new LinkedHashMap<>());

        // THEN finance sees the drift with its contract, and the month's signed total
        JsonNode latest = reports.at("/data/reconciliationReports/0");
        assertEquals(report.ranAt(), latest.at("/ranAt").asText(), reports.toString());
        assertTrue(latest.at("/drifts").toString().contains("ct-" + run), latest.toString());
        assertEquals(
                1_000_000,
                monthly.at("/data/caliberDifferenceReport/totalsFen/SIGNED").asLong(),
                monthly.toString());
        // AND the rep is refused, the bad month named
        assertEquals("FORBIDDEN", byRep.at("/errors/0/extensions/code").asText(), byRep.toString());
        JsonNode problem = badMonth.at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", problem.at("/code").asText(), badMonth.toString());
        assertEquals("month", problem.at("/field").asText());
        assertEquals("yyyy-MM", problem.at("/limit").asText());
    }

    private Map<String, Object> change(
            long expected, Map<String, Object> definition, String ticket) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("expected", expected);
        variables.put("definition", definition);
        variables.put("note", "finance counts shipments net of nothing the warehouse books");
        variables.put("ticket", ticket);
        return variables;
    }

    private JsonNode revenue(Map<String, String> claims, String from, String to, Long version) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("from", from);
        variables.put("to", to);
        variables.put("groupBy", List.of("MONTH", "OWNER"));
        boolean shippedOnly = from.startsWith("2303");
        variables.put(
                "calibers",
                shippedOnly ? List.of("SHIPPED") : List.of("SIGNED", "SHIPPED", "INVOICED"));
        variables.put("version", version);
        return api.run(claims, REVENUE, variables);
    }

    private static JsonNode rowOf(JsonNode answer, String ownerId) {
        for (JsonNode row : answer.at("/data/revenue/rows")) {
            if (ownerId.equals(row.at("/ownerId").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row of " + ownerId + " in " + answer);
    }

    private static List<String> values(JsonNode row) {
        List<String> values = new ArrayList<>();
        row.at("/values")
                .forEach(
                        value ->
                                values.add(
                                        value.at("/caliber").asText()
                                                + "="
                                                + value.at("/amount").asText()));
        return values;
    }

    private final List<String> written = new ArrayList<>();

    private MoneyFact fact(
            String contract, String ownerId, FactKind kind, LocalDate date, long fen) {
        return MoneyFact.builder()
                .factId(contract + "-" + kind + "-" + date)
                .contractId(contract)
                .contractNumber("HT-" + contract)
                .customerId("cust-" + run)
                .ownerId(ownerId)
                .team(region + "-a")
                .region(region)
                .kind(kind)
                .date(date)
                .amountFen(fen)
                .taxFen(fen * 13 / 113)
                .contractVersion(1)
                .recordedAt(Instant.parse("2020-01-01T00:00:00Z"))
                .actorId(ownerId)
                .build();
    }

    /** As the contracts code writes a fact: once, refused if it is there already. */
    private void record(MoneyFact fact) {
        api.dynamo
                .enhanced()
                .table(api.dynamo.tables().contracts(), TableSchema.fromBean(MoneyFactItem.class))
                .putItem(
                        PutItemEnhancedRequest.builder(MoneyFactItem.class)
                                .item(MoneyFactItem.from(fact))
                                .conditionExpression(
                                        Expression.builder()
                                                .expression("attribute_not_exists(id)")
                                                .build())
                                .build());
        written.add(fact.factId());
    }

    /** The contracts stream's records of this test's facts, through the aggregator. */
    private void aggregateThisRun() {
        new StreamReader(api.dynamo.streams())
                .allRecords(api.dynamo.tables().contracts()).stream()
                        .filter(
                                r ->
                                        written.stream()
                                                .anyMatch(
                                                        id ->
                                                                r.dynamodb()
                                                                        .keys()
                                                                        .get("id")
                                                                        .s()
                                                                        .equals("FACT#" + id)))
                        .forEach(api.services.reports().aggregator()::onRecord);
    }
}
