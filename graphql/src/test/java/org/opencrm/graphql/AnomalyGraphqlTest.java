package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestFacts;

/**
 * Split orders through the real schema, policy and error handler, with real query strings: three
 * signings written into the contracts table, the watch fed from its stream, the anomaly read and
 * reviewed over the API.
 */
class AnomalyGraphqlTest {

    private static final String ANOMALIES =
            """
            query Anomalies($kind: AnomalyKind, $first: Int, $after: String) {
              anomalies(kind: $kind, first: $first, after: $after) {
                edges {
                  cursor
                  node {
                    id kind status customerId region total windowFrom windowTo createdAt
                    contracts { contractId contractNumber signedOn amount }
                  }
                }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private static final String REVIEW =
            """
            mutation Review($id: ID!, $decision: AnomalyDecision!, $note: String) {
              reviewAnomaly(id: $id, decision: $decision, note: $note) {
                id status decision note reviewedBy reviewedAt
              }
            }""";

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    private final GraphqlFixture api = new GraphqlFixture();
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> manager =
            api.claims("rm-" + UUID.randomUUID(), "REGION_MANAGER", region);
    private final Map<String, String> finance =
            api.claims("fin-" + UUID.randomUUID(), "FINANCE", region);

    /** Signs three contracts of a new customer 200,000.00 each on days 0, 2 and 4. */
    private List<MoneyFact> splitOrder() {
        return splitOrder(UUID.randomUUID().toString());
    }

    private List<MoneyFact> splitOrder(String customer) {
        List<MoneyFact> facts = new ArrayList<>();
        for (int day = 0; day <= 4; day += 2) {
            MoneyFact fact =
                    TestFacts.signing(
                                    UUID.randomUUID().toString(), MONDAY.plusDays(day), 200_000_00L)
                            .customerId(customer)
                            .ownerId(manager.get("sub"))
                            .team(region + "-a")
                            .region(region)
                            .build();
            TestFacts.write(api.dynamo.enhanced(), api.dynamo.tables(), fact);
            facts.add(fact);
        }
        // the contracts stream as SplitOrderFunction gets it
        TestFacts.records(
                        new StreamReader(api.dynamo.streams()),
                        api.dynamo.tables(),
                        facts.toArray(MoneyFact[]::new))
                .forEach(api.services.splitOrders()::onRecord);
        return facts;
    }

    private JsonNode anomalies(Map<String, String> caller, Integer first, String after) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        variables.put("kind", "SPLIT_ORDER");
        variables.put("first", first);
        variables.put("after", after);
        return api.run(caller, ANOMALIES, variables);
    }

    @Test
    void anomalies_showTheSplitOrder_withItsContractsTotalAndWindow_asMoneyStrings() {
        List<MoneyFact> facts = splitOrder();

        JsonNode result = anomalies(manager, 10, null);

        JsonNode edges = result.at("/data/anomalies/edges");
        assertEquals(1, edges.size(), result.toString());
        JsonNode node = edges.get(0).at("/node");
        assertEquals("SPLIT_ORDER", node.at("/kind").asText());
        assertEquals("OPEN", node.at("/status").asText());
        assertEquals(facts.get(0).customerId(), node.at("/customerId").asText());
        assertEquals("600000.00", node.at("/total").asText());
        assertEquals("2026-11-02", node.at("/windowFrom").asText());
        assertEquals("2026-11-06", node.at("/windowTo").asText());
        assertEquals(facts.get(1).contractId(), node.at("/contracts/1/contractId").asText());
        assertEquals(
                facts.get(1).contractNumber(), node.at("/contracts/1/contractNumber").asText());
        assertEquals("2026-11-04", node.at("/contracts/1/signedOn").asText());
        assertEquals("200000.00", node.at("/contracts/1/amount").asText());
    }

    @Test
    void anAnomaly_resolvesItsCustomer_forACallerWhoMayReadIt() {
        // GIVEN a customer of the manager's region whose three contracts look split
        String customerId =
                api.run(
                                manager,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                "Split Buyer",
                                                "phone",
                                                TestCallers.uniqueMobile(),
                                                "region",
                                                region)))
                        .at("/data/createCustomer/id")
                        .asText();
        splitOrder(customerId);

        // WHEN the manager lists the anomaly with its customer
        JsonNode result =
                api.run(
                        manager,
                        "{ anomalies(kind: SPLIT_ORDER, first: 1) { edges { node { customer { id name } } } } }",
                        Map.of());

        // THEN the customer is there, read in the manager's scope
        JsonNode customer = result.at("/data/anomalies/edges/0/node/customer");
        assertEquals(customerId, customer.at("/id").asText(), result.toString());
        assertEquals("Split Buyer", customer.at("/name").asText());
    }

    @Test
    void anomalies_pageNewestFirst_withCursors() {
        splitOrder();
        splitOrder();

        JsonNode firstPage = anomalies(manager, 1, null);
        String cursor = firstPage.at("/data/anomalies/pageInfo/endCursor").asText();
        JsonNode secondPage = anomalies(manager, 1, cursor);

        assertEquals(true, firstPage.at("/data/anomalies/pageInfo/hasNextPage").asBoolean());
        assertEquals(false, secondPage.at("/data/anomalies/pageInfo/hasNextPage").asBoolean());
        String newer = firstPage.at("/data/anomalies/edges/0/node/createdAt").asText();
        String older = secondPage.at("/data/anomalies/edges/0/node/createdAt").asText();
        assertEquals(true, newer.compareTo(older) >= 0, newer + " before " + older);
    }

    @Test
    void aSalesRep_mayNotListAnomalies() {
        splitOrder();
        Map<String, String> rep = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);

        JsonNode result = anomalies(rep, 10, null);

        assertEquals(
                "FORBIDDEN", result.at("/errors/0/extensions/code").asText(), result.toString());
    }

    @Test
    void reviewAnomaly_byFinance_marksItReviewed_andATooLongNoteIsRefusedWithFieldRuleAndLimit() {
        splitOrder();
        String id = anomalies(manager, 10, null).at("/data/anomalies/edges/0/node/id").asText();

        JsonNode refused =
                api.run(
                        finance,
                        REVIEW,
                        Map.of("id", id, "decision", "DISMISSED", "note", "x".repeat(1_001)));
        JsonNode error = refused.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), refused.toString());
        assertEquals("note", error.at("/extensions/field").asText());
        assertEquals("maxLength", error.at("/extensions/rule").asText());
        assertEquals(1_000, error.at("/extensions/limit").asInt());

        JsonNode reviewed =
                api.run(
                        finance,
                        REVIEW,
                        Map.of("id", id, "decision", "DISMISSED", "note", "两个项目，各自报批"));

        JsonNode node = reviewed.at("/data/reviewAnomaly");
        assertEquals("REVIEWED", node.at("/status").asText(), reviewed.toString());
        assertEquals("DISMISSED", node.at("/decision").asText());
        assertEquals("两个项目，各自报批", node.at("/note").asText());
        assertEquals(finance.get("sub"), node.at("/reviewedBy").asText());
        assertEquals(
                "REVIEWED",
                anomalies(manager, 10, null).at("/data/anomalies/edges/0/node/status").asText());
    }
}
