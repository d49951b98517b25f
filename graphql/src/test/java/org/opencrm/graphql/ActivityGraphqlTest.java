package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;

/** Activities through the real schema, policy and error handler, with real query strings. */
class ActivityGraphqlTest {

    private static final String LOG =
            """
            mutation Log($in: ActivityInput!) {
              logActivity(input: $in) {
                id version kind body occurredAt actorId customerId recordType
                tags { tag matched }
              }
            }""";
    private static final String CUSTOMER =
            """
            query($id: ID!) {
              customer(id: $id) { id highPotential highPotentialReason }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final StreamReader streams = new StreamReader(api.dynamo.streams());
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

    private JsonNode log(Map<String, String> caller, Map<String, Object> input) {
        return api.run(caller, LOG, Map.of("in", input));
    }

    private JsonNode call(String body) {
        return log(rep, Map.of("customerId", customerId, "kind", "CALL", "body", body))
                .at("/data/logActivity");
    }

    /** The activities stream as the reactor function gets it. */
    private void deliver(String activityId) {
        streams.recordsFor(api.dynamo.tables().activities(), activityId)
                .forEach(api.services.activities().reactor()::onRecord);
    }

    @Test
    void logActivity_answersTheActivityWithItsTags_andTheCustomersActivitiesPageNewestFirst() {
        JsonNode first =
                log(
                                rep,
                                Map.of(
                                        "customerId",
                                        customerId,
                                        "kind",
                                        "CALL",
                                        "body",
                                        "客户想要报价，也提到别家",
                                        "occurredAt",
                                        Instant.now().minusSeconds(3600).toString()))
                        .at("/data/logActivity");
        JsonNode second = call("发了产品参数");

        assertEquals("CALL", first.at("/kind").asText());
        assertEquals("Customer", first.at("/recordType").asText());
        assertEquals(customerId, first.at("/customerId").asText());
        assertEquals(rep.get("sub"), first.at("/actorId").asText());
        assertEquals("PRICE_INQUIRY", first.at("/tags/0/tag").asText());
        assertEquals("报价", first.at("/tags/0/matched").asText());
        assertEquals("COMPETITOR", first.at("/tags/1/tag").asText());
        assertEquals("别家", first.at("/tags/1/matched").asText());

        JsonNode page =
                api.run(
                        rep,
                        "query($c: ID!) { activities(customerId: $c, first: 1) { edges { node {"
                                + " id body } } pageInfo { hasNextPage endCursor } } }",
                        Map.of("c", customerId));
        JsonNode connection = page.at("/data/activities");
        assertTrue(connection.at("/pageInfo/hasNextPage").asBoolean(), page.toString());
        assertEquals(second.at("/id").asText(), connection.at("/edges/0/node/id").asText());
        JsonNode next =
                api.run(
                        rep,
                        "query($c: ID!, $a: String) { activities(customerId: $c, first: 1, after:"
                                + " $a) { edges { node { id } } } }",
                        Map.of(
                                "c",
                                customerId,
                                "a",
                                connection.at("/pageInfo/endCursor").asText()));
        assertEquals(
                first.at("/id").asText(),
                next.at("/data/activities/edges/0/node/id").asText(),
                next.toString());
    }

    @Test
    void threeTrialIntentFollowUps_makeTheCustomerHighPotential_withTheReason() {
        JsonNode before = api.run(rep, CUSTOMER, Map.of("id", customerId));
        assertFalse(before.at("/data/customer/highPotential").asBoolean(), before.toString());

        for (String body : new String[] {"客户说先试试", "能不能给个测试账号", "下周安排部署"}) {
            deliver(call(body).at("/id").asText());
        }

        JsonNode after = api.run(rep, CUSTOMER, Map.of("id", customerId));
        assertTrue(after.at("/data/customer/highPotential").asBoolean(), after.toString());
        String reason = after.at("/data/customer/highPotentialReason").asText();
        assertTrue(
                reason.contains("先试试") && reason.contains("给个测试账号") && reason.contains("下周安排"),
                reason);
    }

    @Test
    void badInput_isBadUserInput_withFieldRuleAndLimit() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("customerId", customerId);
        input.put("kind", "NOTE");
        input.put("durationSeconds", 100_000);

        JsonNode result = log(rep, input);

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("durationSeconds", error.at("/extensions/field").asText());
        assertEquals("range", error.at("/extensions/rule").asText());
        assertEquals(43_200, error.at("/extensions/limit").asInt());
    }

    @Test
    void aRepOfAnotherRegion_getsNotFound_forLoggingAndForTheList() {
        Map<String, String> stranger = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", "west");

        JsonNode logged = log(stranger, Map.of("customerId", customerId, "kind", "CALL"));
        JsonNode listed =
                api.run(
                        stranger,
                        "query($c: ID!) { activities(customerId: $c) { edges { cursor } } }",
                        Map.of("c", customerId));

        assertEquals(
                "NOT_FOUND", logged.at("/errors/0/extensions/code").asText(), logged.toString());
        assertEquals(
                "NOT_FOUND", listed.at("/errors/0/extensions/code").asText(), listed.toString());
    }

    @Test
    void updateActivity_changesTheText_retagsIt_andAStaleVersionIsAConflict() {
        JsonNode logged = call("聊了聊");
        String update =
                """
                mutation($id: ID!, $v: Int!, $in: UpdateActivityInput!) {
                  updateActivity(id: $id, expectedVersion: $v, input: $in) {
                    version body outcome nextFollowUpAt tags { tag matched }
                  }
                }""";
        Map<String, Object> input =
                Map.of(
                        "body", "客户要对比两家方案",
                        "outcome", "quote next",
                        "nextFollowUpAt", Instant.now().plusSeconds(3600).toString());

        JsonNode edited =
                api.run(rep, update, Map.of("id", logged.at("/id").asText(), "v", 1, "in", input))
                        .at("/data/updateActivity");
        JsonNode stale =
                api.run(rep, update, Map.of("id", logged.at("/id").asText(), "v", 1, "in", input));

        assertEquals(2, edited.at("/version").asInt(), edited.toString());
        assertEquals("PRICE_INQUIRY", edited.at("/tags/0/tag").asText());
        assertEquals("对比", edited.at("/tags/0/matched").asText());
        assertEquals("VERSION_CONFLICT", stale.at("/errors/0/extensions/code").asText());
    }
}
