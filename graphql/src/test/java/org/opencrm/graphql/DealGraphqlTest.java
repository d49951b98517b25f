package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.TestCallers;

/** Deals through the real schema, policy and error handler, with real query strings. */
class DealGraphqlTest {

    private static final String DEAL_FIELDS =
            "id version customerId title amount stage probability expectedCloseDate"
                    + " grossMarginPercent stale stageEnteredAt"
                    + " stageHistory { from to at actorId source reason }";
    private static final String CREATE =
            "mutation Create($in: CreateDealInput!) { createDeal(input: $in) { "
                    + DEAL_FIELDS
                    + " } }";
    private static final String MOVE =
            """
            mutation Move($id: ID!, $v: Int!, $to: DealStage!, $reason: String) {
              moveDeal(id: $id, expectedVersion: $v, toStage: $to, lostReasonId: $reason) {
                id version stage stageHistory { from to source reason }
              }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();
    private final String customerId = newCustomer(rep);

    private String newCustomer(Map<String, String> owner) {
        return api.run(
                        owner,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of("name", "Buyer Co", "phone", TestCallers.uniqueMobile())))
                .at("/data/createCustomer/id")
                .asText();
    }

    private JsonNode create(Map<String, String> caller, Map<String, Object> input) {
        return api.run(caller, CREATE, Map.of("in", input));
    }

    private Map<String, Object> dealInput(Object amount) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("customerId", customerId);
        input.put("title", "ERP rollout");
        input.put("amount", amount);
        input.put("expectedCloseDate", "2027-03-31");
        input.put("grossMarginPercent", 30);
        return input;
    }

    private JsonNode move(String id, int version, String to, String reason) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id);
        variables.put("v", version);
        variables.put("to", to);
        variables.put("reason", reason);
        return api.run(rep, MOVE, variables);
    }

    @Test
    void createDeal_keepsTheMoneyStringExact_andStartsNew() {
        JsonNode result = create(rep, dealInput("12345.6"));

        JsonNode deal = result.at("/data/createDeal");
        assertEquals("12345.60", deal.at("/amount").asText());
        assertTrue(deal.at("/amount").isTextual(), "money travels as a string, never a number");
        assertEquals("NEW", deal.at("/stage").asText());
        assertEquals(5, deal.at("/probability").asInt());
        assertEquals("2027-03-31", deal.at("/expectedCloseDate").asText());
        assertEquals(customerId, deal.at("/customerId").asText());
        assertEquals(0, deal.at("/stageHistory").size());

        JsonNode read =
                api.run(
                        rep,
                        "query($id: ID!) { deal(id: $id) { amount } }",
                        Map.of("id", deal.at("/id").asText()));
        assertEquals("12345.60", read.at("/data/deal/amount").asText());
    }

    @Test
    void createDeal_refusesThreeDecimals_withFieldRuleAndLimit() {
        JsonNode result = create(rep, dealInput("12.345"));

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("amount", error.at("/extensions/field").asText(), result.toString());
        assertEquals("money", error.at("/extensions/rule").asText());
        assertEquals("999999999999.99", error.at("/extensions/limit").asText());
    }

    @Test
    void createDeal_refusesANumberVariable_withFieldRuleAndLimit() {
        JsonNode result = create(rep, dealInput(12.5));

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("amount", error.at("/extensions/field").asText(), result.toString());
        assertEquals("money", error.at("/extensions/rule").asText());
    }

    @Test
    void createDeal_refusesANumberLiteral_withFieldRuleAndLimit() {
        JsonNode result =
                api.run(
                        rep,
                        "mutation { createDeal(input: {customerId: \""
                                + customerId
                                + "\", title: \"T\", amount: 12.5}) { id } }",
                        Map.of());

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("amount", error.at("/extensions/field").asText(), result.toString());
        assertEquals("money", error.at("/extensions/rule").asText());
        assertEquals("999999999999.99", error.at("/extensions/limit").asText());
    }

    @Test
    void deal_ofAnotherRegionsRep_isNotFound_andTheirListIsEmpty() {
        String id = create(rep, dealInput("100.00")).at("/data/createDeal/id").asText();
        Map<String, String> westRep = api.claims("rep-west-" + id, "SALES_REP", "west");

        JsonNode read =
                api.run(westRep, "query($id: ID!) { deal(id: $id) { id } }", Map.of("id", id));
        JsonNode list =
                api.run(
                        westRep,
                        "query($c: ID) { deals(filter: {customerId: $c}) { edges { node { id } } } }",
                        Map.of("c", customerId));

        assertEquals("NOT_FOUND", read.at("/errors/0/extensions/code").asText());
        assertEquals(0, list.at("/data/deals/edges").size());
    }

    @Test
    void deals_listsTheCustomersDeals_forTheOwner() {
        String first = create(rep, dealInput("1.00")).at("/data/createDeal/id").asText();
        String second = create(rep, dealInput("2.00")).at("/data/createDeal/id").asText();

        JsonNode list =
                api.run(
                        rep,
                        "query($c: ID) { deals(filter: {customerId: $c}, first: 10) {"
                                + " edges { node { id amount } } pageInfo { hasNextPage } } }",
                        Map.of("c", customerId));

        Set<String> ids = new HashSet<>();
        list.at("/data/deals/edges").forEach(edge -> ids.add(edge.at("/node/id").asText()));
        assertEquals(Set.of(first, second), ids);
        assertFalse(list.at("/data/deals/pageInfo/hasNextPage").asBoolean());
    }

    @Test
    void updateDeal_withAStaleVersion_isAVersionConflict() {
        String id = create(rep, dealInput("1.00")).at("/data/createDeal/id").asText();
        String update =
                "mutation($id: ID!, $v: Int!) { updateDeal(id: $id, expectedVersion: $v,"
                        + " input: {amount: \"2.50\"}) { version amount } }";

        JsonNode first = api.run(rep, update, Map.of("id", id, "v", 1));
        JsonNode again = api.run(rep, update, Map.of("id", id, "v", 1));

        assertEquals("2.50", first.at("/data/updateDeal/amount").asText());
        assertEquals(2, first.at("/data/updateDeal/version").asInt());
        assertEquals("VERSION_CONFLICT", again.at("/errors/0/extensions/code").asText());
        assertEquals(2, again.at("/errors/0/extensions/currentVersion").asInt());
    }

    @Test
    void moveDeal_toContractApproval_isRefused_listingBothRequirementsInExtensions() {
        JsonNode deal = create(rep, dealInput("50000.00")).at("/data/createDeal");
        String id = deal.at("/id").asText();
        int version = 1;
        for (String stage : new String[] {"CONTACTED", "NEEDS_CONFIRMED", "DEMO", "NEGOTIATION"}) {
            version = move(id, version, stage, null).at("/data/moveDeal/version").asInt();
        }

        JsonNode refused = move(id, version, "CONTRACT_APPROVAL", null);

        JsonNode error = refused.at("/errors/0");
        assertEquals(
                "STAGE_REQUIREMENTS_UNMET",
                error.at("/extensions/code").asText(),
                refused.toString());
        JsonNode unmet = error.at("/extensions/unmet");
        assertEquals(2, unmet.size(), unmet.toString());
        Set<String> rules = new HashSet<>();
        unmet.forEach(
                check -> {
                    rules.add(check.at("/field").asText() + ":" + check.at("/rule").asText());
                    assertFalse(check.at("/met").asBoolean());
                    assertFalse(check.at("/message").asText().isBlank());
                    assertFalse(check.at("/requirement").asText().isBlank());
                });
        assertEquals(Set.of("attachments:attachment", "grossMarginPercent:atLeast"), rules);
        unmet.forEach(
                check -> {
                    if (check.at("/rule").asText().equals("atLeast")) {
                        assertEquals(35, check.at("/limit").asInt());
                    } else {
                        assertEquals("LEGAL_OPINION", check.at("/limit").asText());
                    }
                });
    }

    @Test
    void stageRequirements_listsEveryCheck_metOrNot() {
        String id = create(rep, dealInput("1.00")).at("/data/createDeal/id").asText();

        JsonNode checks =
                api.run(
                        rep,
                        "query($id: ID!) { stageRequirements(dealId: $id, toStage: LOST) {"
                                + " requirement field rule limit met message } }",
                        Map.of("id", id));

        JsonNode list = checks.at("/data/stageRequirements");
        assertEquals(2, list.size(), checks.toString());
        assertTrue(list.at("/0/met").asBoolean());
        assertEquals("lostReasonId", list.at("/1/field").asText());
        assertFalse(list.at("/1/met").asBoolean());
    }

    @Test
    void moveDeal_toLost_recordsTheReasonInTheHistory() {
        String id = create(rep, dealInput("1.00")).at("/data/createDeal/id").asText();

        JsonNode withoutReason = move(id, 1, "LOST", null);
        JsonNode lost = move(id, 1, "LOST", "PRICE");

        assertEquals(
                "STAGE_REQUIREMENTS_UNMET", withoutReason.at("/errors/0/extensions/code").asText());
        assertEquals("LOST", lost.at("/data/moveDeal/stage").asText());
        assertEquals("NEW", lost.at("/data/moveDeal/stageHistory/0/from").asText());
        assertEquals("MANUAL", lost.at("/data/moveDeal/stageHistory/0/source").asText());
        assertEquals("PRICE", lost.at("/data/moveDeal/stageHistory/0/reason").asText());
    }

    @Test
    void amount_isAFieldOfTheMatrix_customerServiceCannotReachDealsAtAll() {
        String id = create(rep, dealInput("1.00")).at("/data/createDeal/id").asText();
        Map<String, String> service = api.claims("cs-" + id, "CUSTOMER_SERVICE", "east");

        JsonNode read =
                api.run(
                        service,
                        "query($id: ID!) { deal(id: $id) { id amount } }",
                        Map.of("id", id));

        assertEquals("NOT_FOUND", read.at("/errors/0/extensions/code").asText());
    }
}
