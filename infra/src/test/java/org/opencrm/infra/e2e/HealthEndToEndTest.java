package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;

/**
 * Issue 17's health done-when case in the local cloud: a customer created over HTTP with only a
 * name and a free-mail address is scored by the real HealthFunction polled from the customers
 * stream, below 60 with each component explained, appears in its owner's observation pool and is
 * left out of exportCustomers.
 */
class HealthEndToEndTest extends LocalCloudEndToEnd {

    private static final String HEALTH =
            "query($id: ID!) { customer(id: $id) { health { score components { name score max"
                    + " explanation } } } }";

    @Test
    void aNameAndAFreeMailAddress_scoreBelowSixty_andTheCustomerIsLeftOutOfTheExport() {
        // GIVEN a rep of their own region and team
        String region = ApiClient.unique("health-region");
        String rep =
                api.createUser(
                        ApiClient.unique("health-rep"),
                        "SALES_REP",
                        region,
                        ApiClient.unique("health-team"),
                        null);

        // WHEN they create a customer with only a name and a qq.com address
        String id =
                api.data(
                                rep,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                "张三",
                                                "email",
                                                UUID.randomUUID().toString().substring(0, 8)
                                                        + "@qq.com")))
                        .at("/createCustomer/id")
                        .asText();

        // THEN HealthFunction scores it from the customers stream
        TestSupport.await(
                "the customer to be scored",
                () -> !api.data(rep, HEALTH, Map.of("id", id)).at("/customer/health").isNull());
        JsonNode health = api.data(rep, HEALTH, Map.of("id", id)).at("/customer/health");
        assertTrue(health.at("/score").asInt() < 60, health.toString());
        assertEquals(3, health.at("/components").size());
        for (JsonNode component : health.at("/components")) {
            assertTrue(
                    component
                            .at("/explanation")
                            .asText()
                            .startsWith(component.at("/name").asText()),
                    component.toString());
        }
        // AND it is in the owner's observation pool
        JsonNode pool =
                api.data(
                                rep,
                                "{ observationPool(first: 10) { edges { node { customerId } } } }",
                                Map.of())
                        .at("/observationPool/edges");
        assertEquals(1, pool.size(), pool.toString());
        assertEquals(id, pool.at("/0/node/customerId").asText());
        // AND the owner's export leaves it out, saying so
        JsonNode export =
                api.data(
                                rep,
                                "mutation { exportCustomers { rowCount leftOut leftOutReason csv } }",
                                Map.of())
                        .at("/exportCustomers");
        assertEquals(0, export.at("/rowCount").asInt(), export.toString());
        assertEquals(1, export.at("/leftOut").asInt(), export.toString());
        assertFalse(export.at("/csv").asText().contains(id), export.toString());
    }
}
