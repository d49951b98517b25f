package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.TestCallers;

/** The customer's whole story through the real schema, policy and error handler. */
class Customer360GraphqlTest {

    private static final String STORY =
            """
            query Story($id: ID!, $first: Int, $after: String) {
              customer(id: $id) {
                id
                owner { id role }
                deals(first: 10) { edges { node { id stage } } pageInfo { hasNextPage } }
                leads(first: 10) { edges { node { id } } }
                attachments { id }
                auditTrail(first: 5) { edges { node { entityId } } }
                timeline(first: $first, after: $after) {
                  edges { cursor node { at kind title actorId entityId detail } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();

    private String newCustomer() {
        return api.run(
                        rep,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of("name", "Story Co", "phone", TestCallers.uniqueMobile())))
                .at("/data/createCustomer/id")
                .asText();
    }

    private JsonNode newDeal(String customerId) {
        return api.run(
                        rep,
                        "mutation($in: CreateDealInput!) { createDeal(input: $in) { id version } }",
                        Map.of("in", Map.of("customerId", customerId, "title", "Website rebuild")))
                .at("/data/createDeal");
    }

    private JsonNode move(JsonNode deal, String to) {
        return api.run(
                        rep,
                        "mutation($id: ID!, $v: Int!, $to: DealStage!) { moveDeal(id: $id,"
                                + " expectedVersion: $v, toStage: $to) { id version } }",
                        Map.of(
                                "id",
                                deal.at("/id").asText(),
                                "v",
                                deal.at("/version").asInt(),
                                "to",
                                to))
                .at("/data/moveDeal");
    }

    private JsonNode story(String customerId, Integer first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", customerId);
        variables.put("first", first);
        variables.put("after", after);
        return api.run(rep, STORY, variables);
    }

    @Test
    void customer_answersOwnerDealsAndTimeline_inOneRequest_pagedWithOneCursor() {
        // GIVEN the rep's customer with a deal moved twice
        String customerId = newCustomer();
        JsonNode deal = newDeal(customerId);
        move(move(deal, "CONTACTED"), "NEEDS_CONFIRMED");

        // WHEN the story is read one timeline entry at a time
        JsonNode first = story(customerId, 1, null);
        String after = first.at("/data/customer/timeline/pageInfo/endCursor").asText();
        JsonNode second = story(customerId, 1, after);
        JsonNode third =
                story(
                        customerId,
                        1,
                        second.at("/data/customer/timeline/pageInfo/endCursor").asText());

        // THEN the owner, the deal and the moves newest first, each once
        assertFalse(first.has("errors"), first.toString());
        JsonNode customer = first.at("/data/customer");
        assertEquals(rep.get("sub"), customer.at("/owner/id").asText());
        assertEquals("SALES_REP", customer.at("/owner/role").asText());
        assertEquals(deal.at("/id").asText(), customer.at("/deals/edges/0/node/id").asText());
        assertEquals("NEEDS_CONFIRMED", customer.at("/deals/edges/0/node/stage").asText());
        assertEquals(0, customer.at("/leads/edges").size());
        assertEquals(0, customer.at("/attachments").size());
        assertEquals(
                "Website rebuild: CONTACTED → NEEDS_CONFIRMED",
                customer.at("/timeline/edges/0/node/title").asText());
        assertEquals("DEAL_STAGE", customer.at("/timeline/edges/0/node/kind").asText());
        assertEquals(rep.get("sub"), customer.at("/timeline/edges/0/node/actorId").asText());
        assertTrue(customer.at("/timeline/pageInfo/hasNextPage").asBoolean());
        assertEquals(
                "Website rebuild: NEW → CONTACTED",
                second.at("/data/customer/timeline/edges/0/node/title").asText());
        assertEquals(0, third.at("/data/customer/timeline/edges").size(), third.toString());
        assertFalse(third.at("/data/customer/timeline/pageInfo/hasNextPage").asBoolean());
    }

    @Test
    void aTimelineCursorFromAnotherList_isBadUserInput_onAfter_neverInternal() {
        String customerId = newCustomer();
        String customersCursor =
                api.run(rep, "{ customers(first: 1) { pageInfo { endCursor } } }", Map.of())
                        .at("/data/customers/pageInfo/endCursor")
                        .asText();

        JsonNode result = story(customerId, 5, customersCursor);

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("after", error.at("/extensions/field").asText());
        assertEquals("cursor", error.at("/extensions/rule").asText());
    }

    @Test
    void aTimelinePageOver100_isBadUserInput_onFirst() {
        String customerId = newCustomer();

        JsonNode result = story(customerId, 101, null);

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("first", error.at("/extensions/field").asText());
        assertEquals("range", error.at("/extensions/rule").asText());
    }
}
