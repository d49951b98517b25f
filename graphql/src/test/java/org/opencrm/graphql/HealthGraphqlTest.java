package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.StreamReader;

/**
 * Customer health through the real schema, policy and error handler, with real query strings: a
 * customer created over the API, scored from the customers table's real stream, then read as
 * Customer.health, in observationPool and dataHealth, and left out of exportCustomers.
 */
class HealthGraphqlTest {

    private static final String CREATE =
            """
            mutation Create($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }""";

    private static final String HEALTH =
            """
            query Health($id: ID!) {
              customer(id: $id) {
                id
                health { score components { name score max explanation } }
              }
            }""";

    private static final String POOL =
            """
            query Pool($first: Int, $after: String) {
              observationPool(first: $first, after: $after) {
                edges { cursor node { customerId score customer { id name } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private static final String DATA_HEALTH =
            """
            query DataHealth($by: HealthGroupBy!) {
              dataHealth(groupBy: $by) {
                group averageScore customers
                weakest { customerId score customer { name health { score } } }
              }
            }""";

    private static final String EXPORT =
            "mutation { exportCustomers { rowCount leftOut leftOutReason csv } }";

    private final GraphqlFixture api = new GraphqlFixture();
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> rep =
            api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);
    private final Map<String, String> lead =
            api.claims("tl-" + UUID.randomUUID(), "TEAM_LEAD", region);

    /** Creates the customer as the rep and feeds its stream records to HealthFunction's reactor. */
    private String scored(Map<String, Object> input) {
        JsonNode created = api.run(rep, CREATE, Map.of("in", input));
        String id = created.at("/data/createCustomer/id").asText();
        assertTrue(!id.isEmpty(), created.toString());
        new StreamReader(api.dynamo.streams())
                .recordsFor(api.dynamo.tables().customers(), id)
                .forEach(api.services.health().reactor()::onRecord);
        return id;
    }

    private String poor() {
        return scored(
                Map.of(
                        "name",
                        "张三",
                        "email",
                        UUID.randomUUID().toString().substring(0, 8) + "@163.com"));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Test
    void customerHealth_ofANameAndAFreeMailAddress_isBelowSixty_withEachComponentExplained() {
        String id = poor();

        JsonNode health = api.run(rep, HEALTH, Map.of("id", id)).at("/data/customer/health");

        assertTrue(health.get("score").asInt() < 60, health.toString());
        List<JsonNode> components = list(health.get("components"));
        assertEquals(
                List.of("completeness", "activity", "credibility"),
                components.stream().map(c -> c.get("name").asText()).toList());
        assertEquals(
                "completeness 17/40: name, email, region; missing phone, WeChat id, level,"
                        + " external id",
                components.get(0).get("explanation").asText());
        assertEquals(40, components.get(0).get("max").asInt());
        assertTrue(
                components.get(2).get("explanation").asText().contains("free-mail email (163.com)"),
                components.get(2).toString());
        assertEquals(
                health.get("score").asInt(),
                components.stream().mapToInt(c -> c.get("score").asInt()).sum());
    }

    @Test
    void thePoorCustomer_isInTheObservationPool_andLeftOutOfExportCustomers() {
        String id = poor();

        JsonNode pool = api.run(rep, POOL, Map.of("first", 10)).at("/data/observationPool");
        JsonNode export = api.run(rep, EXPORT, Map.of()).at("/data/exportCustomers");

        List<JsonNode> edges = list(pool.get("edges"));
        assertEquals(1, edges.size(), pool.toString());
        assertEquals(id, edges.get(0).at("/node/customerId").asText());
        assertEquals("张三", edges.get(0).at("/node/customer/name").asText());
        assertEquals(0, export.get("rowCount").asInt(), export.toString());
        assertEquals(1, export.get("leftOut").asInt(), export.toString());
        assertTrue(
                export.get("leftOutReason").asText().contains("observation pool"),
                export.toString());
        assertTrue(!export.get("csv").asText().contains(id), export.toString());
    }

    @Test
    void dataHealth_showsTheTeamLeadEachOwnersAverage_andWeakestRecords() {
        String id = poor();

        JsonNode groups = api.run(lead, DATA_HEALTH, Map.of("by", "OWNER")).at("/data/dataHealth");

        List<JsonNode> all = list(groups);
        assertEquals(1, all.size(), groups.toString());
        JsonNode owner = all.get(0);
        assertEquals(rep.get("sub"), owner.get("group").asText());
        assertEquals(1, owner.get("customers").asInt());
        assertEquals(17.0, owner.get("averageScore").asDouble());
        assertEquals(id, owner.at("/weakest/0/customerId").asText());
        assertEquals(17, owner.at("/weakest/0/customer/health/score").asInt());
    }

    @Test
    void dataHealth_refusesARep_withACode() {
        JsonNode result = api.run(rep, DATA_HEALTH, Map.of("by", "TEAM"));

        assertEquals(
                "FORBIDDEN", result.at("/errors/0/extensions/code").asText(), result.toString());
    }

    @Test
    void dataHealth_refusesAnUnknownGrouping_asBadUserInput() {
        JsonNode result = api.run(lead, DATA_HEALTH, Map.of("by", "REGION"));

        assertTrue(result.at("/data/dataHealth").isMissingNode() || result.at("/data").isNull());
        assertEquals(
                "BAD_USER_INPUT",
                result.at("/errors/0/extensions/code").asText(),
                result.toString());
    }
}
