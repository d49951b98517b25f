package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.store.TableNames;
import org.opencrm.graphql.http.HttpResponse;

class HttpEndpointTest {

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();

    private static JsonNode json(HttpResponse response) throws Exception {
        return GraphqlFixture.JSON.readTree(response.body());
    }

    @Test
    void malformedJson_isA400_namingTheBody() throws Exception {
        HttpResponse response = api.post("{\"query\": ", rep, Map.of());

        assertEquals(400, response.status());
        assertEquals("BAD_USER_INPUT", json(response).at("/errors/0/extensions/code").asText());
        assertEquals("body", json(response).at("/errors/0/extensions/field").asText());
    }

    @Test
    void missingQuery_isA400_namingTheQuery() throws Exception {
        HttpResponse response = api.post("{\"variables\": {}}", rep, Map.of());

        assertEquals(400, response.status());
        assertEquals("query", json(response).at("/errors/0/extensions/field").asText());
    }

    @Test
    void requestForAnotherEnvironment_isRefused_andSaysWhichAnswered() throws Exception {
        HttpResponse response =
                api.post("{\"query\": \"{ environment }\"}", rep, Map.of("X-Crm-Env", "prod"));

        assertEquals(400, response.status());
        assertEquals(
                "ENVIRONMENT_MISMATCH", json(response).at("/errors/0/extensions/code").asText());
        assertEquals("dev", json(response).at("/extensions/environment").asText());
    }

    @Test
    void requestForThisEnvironment_isServed() throws Exception {
        HttpResponse response =
                api.post("{\"query\": \"{ environment }\"}", rep, Map.of("X-Crm-Env", "dev"));

        assertEquals(200, response.status());
        assertEquals("dev", json(response).at("/data/environment").asText());
    }

    @Test
    void requestWithoutVerifiedClaims_isUnauthenticated() throws Exception {
        HttpResponse response = api.post("{\"query\": \"{ environment }\"}", Map.of(), Map.of());

        assertEquals(401, response.status());
        assertEquals("UNAUTHENTICATED", json(response).at("/errors/0/extensions/code").asText());
    }

    @Test
    void unexpectedFailure_isInternal_withRequestIdAndNoExceptionText() throws Exception {
        // GIVEN the caller passes the user check, and then the customers table is not there
        TableNames real = api.dynamo.tables();
        GraphqlFixture broken =
                new GraphqlFixture(
                        TableNames.builder()
                                .customers("crm-missing-customers")
                                .identity(real.identity())
                                .audit(real.audit())
                                .users(real.users())
                                .config(real.config())
                                .counters(real.counters())
                                .notifications(real.notifications())
                                .leads(real.leads())
                                .intake(real.intake())
                                .deals(real.deals())
                                .activities(real.activities())
                                .build());

        HttpResponse response =
                broken.post("{\"query\": \"{ customer(id: \\\"x\\\") { id } }\"}", rep, Map.of());

        JsonNode error = json(response).at("/errors/0");
        assertEquals(200, response.status());
        assertEquals("INTERNAL", error.at("/extensions/code").asText());
        assertEquals("customer", error.at("/path/0").asText());
        assertFalse(error.at("/extensions/requestId").asText().isBlank());
        assertFalse(response.body().contains("ResourceNotFound"), response.body());
        assertFalse(response.body().contains("crm-missing"), response.body());
        assertFalse(response.body().contains("non-existent table"), response.body());
    }

    @Test
    void failureBeforeExecution_isInternalToo_neverA500() throws Exception {
        // GIVEN the user check itself cannot read its table
        TableNames real = api.dynamo.tables();
        GraphqlFixture broken =
                new GraphqlFixture(
                        TableNames.builder()
                                .customers(real.customers())
                                .identity(real.identity())
                                .audit(real.audit())
                                .users("crm-missing-users")
                                .config(real.config())
                                .counters(real.counters())
                                .notifications(real.notifications())
                                .leads(real.leads())
                                .intake(real.intake())
                                .deals(real.deals())
                                .activities(real.activities())
                                .build());

        HttpResponse response = broken.post("{\"query\": \"{ environment }\"}", rep, Map.of());

        assertEquals(200, response.status());
        assertEquals("INTERNAL", json(response).at("/errors/0/extensions/code").asText());
        assertFalse(response.body().contains("crm-missing"), response.body());
    }

    @Test
    void syntaxErrors_carryACodeToo() throws Exception {
        HttpResponse response = api.post("{\"query\": \"{ customer(id: \"}", rep, Map.of());

        assertEquals("BAD_USER_INPUT", json(response).at("/errors/0/extensions/code").asText());
    }

    @Test
    void overlyDeepQueries_areRefusedWithACode() throws Exception {
        String deep =
                "{ __schema { types { fields { type { "
                        + "ofType { ".repeat(20)
                        + "name"
                        + " }".repeat(20)
                        + " } } } } }";

        HttpResponse response =
                api.post(
                        GraphqlFixture.JSON.writeValueAsString(Map.of("query", deep)),
                        rep,
                        Map.of());

        assertEquals("BAD_USER_INPUT", json(response).at("/errors/0/extensions/code").asText());
    }
}
