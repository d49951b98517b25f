package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.input.InputRules;
import org.opencrm.graphql.http.HttpResponse;

/**
 * Issue 18: the one guard in front of every data fetcher, through the real schema and endpoint:
 * what it refuses never reaches a store, and every refusal names field, rule and limit.
 */
class InputGuardGraphqlTest {

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> admin =
            api.claims("admin-" + UUID.randomUUID(), "ADMIN", "east");

    private static JsonNode onlyError(JsonNode body) {
        assertEquals(1, body.path("errors").size(), body.toString());
        return body.at("/errors/0");
    }

    @Test
    void anInputObjectsField_isNamedAsTheDomainNamesIt() {
        // GIVEN a customer whose name carries a NUL
        JsonNode body =
                api.run(
                        admin,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of("in", Map.of("name", "Li\u0000Lei", "phone", "13912345678")));

        // THEN the refusal names the field inside the input, the rule and the allowed pattern
        JsonNode error = onlyError(body);
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText());
        assertEquals("name", error.at("/extensions/field").asText());
        assertEquals("characters", error.at("/extensions/rule").asText());
        assertEquals(InputRules.TEXT_CHARACTERS, error.at("/extensions/limit").asText());
    }

    @Test
    void aKeyLikeTextOverTheShortLimit_isRefusedBeforeItBecomesAKey() {
        // GIVEN a configuration name of 3 KB (the configuration table's partition key)
        JsonNode body =
                api.run(
                        admin,
                        "query($n: String!) { configuration(name: $n) { version } }",
                        Map.of("n", "n".repeat(3 * 1024)));

        // THEN maxLength at the short text limit
        JsonNode error = onlyError(body);
        assertEquals("name", error.at("/extensions/field").asText());
        assertEquals("maxLength", error.at("/extensions/rule").asText());
        assertEquals(InputRules.SHORT_TEXT_MAX, error.at("/extensions/limit").asInt());
    }

    @Test
    void anEmptyOptionalIdInAnUpdate_clearsIt_butAnEmptyIdInAFilter_isRefused() {
        // GIVEN a customer
        JsonNode created =
                api.run(
                        admin,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version } }",
                        Map.of("in", Map.of("name", "Clear Agent", "phone", "13912345677")));
        String id = created.at("/data/createCustomer/id").asText();
        int version = created.at("/data/createCustomer/version").asInt();

        // WHEN its service agent is updated to "" THEN the update runs: "" clears, never a key
        JsonNode updated =
                api.run(
                        admin,
                        "mutation($id: ID!, $v: Int!, $in: UpdateCustomerInput!) {"
                                + " updateCustomer(id: $id, expectedVersion: $v, input: $in) {"
                                + " serviceAgentId } }",
                        Map.of("id", id, "v", version, "in", Map.of("serviceAgentId", "")));
        assertFalse(updated.has("errors"), updated.toString());
        assertTrue(updated.at("/data/updateCustomer/serviceAgentId").isNull(), updated.toString());

        // WHEN deals are filtered by an empty customer id THEN it is refused as an id
        JsonNode filtered =
                api.run(
                        admin,
                        "{ deals(filter: {customerId: \"\"}) { edges { node { id } } } }",
                        Map.of());
        JsonNode error = onlyError(filtered);
        assertEquals("customerId", error.at("/extensions/field").asText());
        assertEquals("minLength", error.at("/extensions/rule").asText());

        // WHEN the same update names an empty owner, a field not marked @clearable
        JsonNode owner =
                api.run(
                        admin,
                        "mutation($id: ID!, $v: Int!, $in: UpdateCustomerInput!) {"
                                + " updateCustomer(id: $id, expectedVersion: $v, input: $in) {"
                                + " ownerId } }",
                        Map.of("id", id, "v", version + 1, "in", Map.of("ownerId", "")));
        // THEN it is refused as an id, never looked up
        JsonNode ownerError = onlyError(owner);
        assertEquals("ownerId", ownerError.at("/extensions/field").asText());
        assertEquals("minLength", ownerError.at("/extensions/rule").asText());
    }

    @Test
    void aListOverItsLimit_isMaxItems() {
        // GIVEN 501 notification ids
        JsonNode body =
                api.run(
                        admin,
                        "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
                        Map.of("ids", Collections.nCopies(501, "n-1")));

        JsonNode error = onlyError(body);
        assertEquals("ids", error.at("/extensions/field").asText());
        assertEquals("maxItems", error.at("/extensions/rule").asText());
        assertEquals(InputRules.LIST_MAX, error.at("/extensions/limit").asInt());
    }

    @Test
    void everyBadArgument_isItsOwnError() {
        // GIVEN an empty id and a first of 0 in one call
        JsonNode body =
                api.run(
                        admin,
                        "query { auditTrail(entityId: \"\", first: 0) { edges { cursor } } }",
                        Map.of());

        // THEN two errors, one per argument
        assertEquals(2, body.path("errors").size(), body.toString());
        assertEquals("entityId", body.at("/errors/0/extensions/field").asText());
        assertEquals("first", body.at("/errors/1/extensions/field").asText());
        assertEquals("range", body.at("/errors/1/extensions/rule").asText());
    }

    @Test
    void aJsonArgument_tooDeepOrWithALoneSurrogate_isRefusedWithItsPath() {
        Object deep = "leaf";
        for (int i = 0; i < 40; i++) {
            deep = List.of(deep);
        }
        JsonNode tooDeep =
                api.run(
                        admin,
                        "mutation($r: [JSON!]!) { ingestLeads(channel: \"website\", records: $r) { status } }",
                        Map.of("r", List.of(deep)));
        JsonNode lone =
                api.run(
                        admin,
                        "mutation($r: [JSON!]!) { ingestLeads(channel: \"website\", records: $r) { status } }",
                        Map.of("r", List.of(Map.of("phone", "138\uD800"))));

        assertEquals("maxDepth", onlyError(tooDeep).at("/extensions/rule").asText());
        assertEquals("records.0.phone", onlyError(lone).at("/extensions/field").asText());
        assertEquals("characters", onlyError(lone).at("/extensions/rule").asText());
    }

    @Test
    void aForgedCursor_isBadUserInputOnAfter() {
        // GIVEN a cursor of our prefix with an empty sort key, as an attacker would forge it
        JsonNode body =
                api.run(admin, "{ customers(after: \"djE6\") { edges { cursor } } }", Map.of());

        JsonNode error = onlyError(body);
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText());
        assertEquals("after", error.at("/extensions/field").asText());
        assertEquals("cursor", error.at("/extensions/rule").asText());
    }

    @Test
    void errors_carryNoGraphqlJavaClassification() throws Exception {
        // GIVEN a domain refusal and a syntax error
        JsonNode refused = api.run(admin, "{ customer(id: \"\") { id } }", Map.of());
        HttpResponse syntax = api.post("{\"query\": \"{ customer(\"}", admin, Map.of());

        // THEN each has its code, and nothing names graphql-java's classes
        assertFalse(refused.at("/errors/0/extensions").has("classification"), refused.toString());
        assertFalse(syntax.body().contains("classification"), syntax.body());
        assertTrue(syntax.body().contains("BAD_USER_INPUT"), syntax.body());
    }

    @Test
    void aTokenWhoseSubjectIsNoId_isUnauthenticated_beforeTheUsersTableIsRead() throws Exception {
        HttpResponse response =
                api.post(
                        "{\"query\": \"{ environment }\"}",
                        Map.of("sub", "x".repeat(3 * 1024), "custom:role", "ADMIN"),
                        Map.of());

        assertEquals(401, response.status());
        assertTrue(response.body().contains("UNAUTHENTICATED"), response.body());
    }
}
