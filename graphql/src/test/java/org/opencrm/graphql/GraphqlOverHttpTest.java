package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.graphql.http.HttpResponse;

/**
 * GraphQL over HTTP as the draft spec gives it: methods, request and response media types, status
 * codes per response type, batching, introspection and suggestions outside dev, and the error
 * extensions clients see.
 */
class GraphqlOverHttpTest {

    private static final GraphqlFixture API = new GraphqlFixture();
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final String GRAPHQL_TYPE = "application/graphql-response+json; charset=utf-8";
    private static final String TYPENAME = "{\"query\":\"{ __typename }\"}";

    private final Map<String, String> rep = API.freshRep();

    private static JsonNode json(HttpResponse response) throws Exception {
        return GraphqlFixture.JSON.readTree(response.body());
    }

    private static String body(String query) throws Exception {
        return GraphqlFixture.JSON.writeValueAsString(Map.of("query", query));
    }

    private HttpResponse accepting(String accept, String body) {
        return API.post(body, rep, Map.of("accept", accept));
    }

    private static void assertRefused(HttpResponse response, int status, String field, String rule)
            throws Exception {
        assertEquals(status, response.status(), response.body());
        JsonNode error = json(response).at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", error.at("/code").asText(), response.body());
        assertEquals(field, error.at("/field").asText(), response.body());
        assertEquals(rule, error.at("/rule").asText(), response.body());
        assertFalse(json(response).has("data"), response.body());
    }

    /** A create the rep would see in their list, to show a refused request ran nothing. */
    private static String createCustomer(String name) throws Exception {
        return body(
                "mutation { createCustomer(input: {name: \""
                        + name
                        + "\", phone: \"+86 139 0000 "
                        + String.format("%04d", Math.floorMod(name.hashCode(), 10_000))
                        + "\"}) { id } }");
    }

    private int customersOfRep() {
        return API.run(rep, "{ customers(first: 5) { edges { node { id } } } }", Map.of())
                .at("/data/customers/edges")
                .size();
    }

    // ---------------------------------------------------------------- response media types

    @Test
    void noAccept_answersApplicationJson_inUtf8() {
        HttpResponse response = API.post(TYPENAME, rep, Map.of());

        assertEquals(200, response.status());
        assertEquals(JSON_TYPE, response.headers().get("content-type"));
    }

    @Test
    void acceptingGraphqlResponseJson_answersIt() {
        HttpResponse response = accepting("application/graphql-response+json", TYPENAME);

        assertEquals(200, response.status());
        assertEquals(GRAPHQL_TYPE, response.headers().get("content-type"));
    }

    @Test
    void anyType_answersApplicationJson() {
        assertEquals(JSON_TYPE, accepting("*/*", TYPENAME).headers().get("content-type"));
        assertEquals(JSON_TYPE, accepting("application/*", TYPENAME).headers().get("content-type"));
    }

    @Test
    void qualities_decideBetweenTheTwoTypes() {
        assertEquals(
                JSON_TYPE,
                accepting("application/graphql-response+json;q=0.9, application/json", TYPENAME)
                        .headers()
                        .get("content-type"));
        assertEquals(
                GRAPHQL_TYPE,
                accepting("application/json;q=0.5, application/graphql-response+json", TYPENAME)
                        .headers()
                        .get("content-type"));
        // GraphiQL and most clients list both: the newer type wins a tie
        assertEquals(
                GRAPHQL_TYPE,
                accepting("application/json, application/graphql-response+json", TYPENAME)
                        .headers()
                        .get("content-type"));
    }

    @Test
    void acceptingNeitherType_is406() throws Exception {
        HttpResponse response = accepting("text/html", TYPENAME);

        assertRefused(response, 406, "Accept", "accept");
        assertEquals(JSON_TYPE, response.headers().get("content-type"));
    }

    // ---------------------------------------------------------------- status codes per type

    @Test
    void syntaxError_is400InGraphqlResponseJson_and200InJson_withoutData() throws Exception {
        HttpResponse strict = accepting("application/graphql-response+json", body("{"));
        HttpResponse legacy = accepting("application/json", body("{"));

        assertEquals(400, strict.status());
        assertEquals(GRAPHQL_TYPE, strict.headers().get("content-type"));
        assertFalse(json(strict).has("data"));
        assertEquals("BAD_USER_INPUT", json(strict).at("/errors/0/extensions/code").asText());
        assertEquals(200, legacy.status());
        assertFalse(json(legacy).has("data"));
    }

    @Test
    void validationAndCoercionFailures_are400InGraphqlResponseJson() throws Exception {
        String unknownField = body("{ noSuchField }");
        String nullForNonNull =
                GraphqlFixture.JSON.writeValueAsString(
                        Map.of(
                                "query",
                                "query($id: ID!) { customer(id: $id) { id } }",
                                "variables",
                                new HashMap<>(Map.of())));

        assertEquals(400, accepting("application/graphql-response+json", unknownField).status());
        assertEquals(400, accepting("application/graphql-response+json", nullForNonNull).status());
        assertEquals(200, accepting("application/json", unknownField).status());
        assertEquals(200, accepting("application/json", nullForNonNull).status());
    }

    @Test
    void executionErrors_are200InBothTypes_withData() throws Exception {
        HttpResponse response =
                accepting(
                        "application/graphql-response+json",
                        body("{ customer(id: \"" + UUID.randomUUID() + "\") { id } }"));

        assertEquals(200, response.status());
        assertTrue(json(response).has("data"));
        assertEquals("NOT_FOUND", json(response).at("/errors/0/extensions/code").asText());
    }

    @Test
    void limitViolations_are400InGraphqlResponseJson() throws Exception {
        String aliases = body("{ " + aliasFlood() + " }");

        HttpResponse response = accepting("application/graphql-response+json", aliases);

        assertEquals(400, response.status());
        assertEquals("maxAliases", json(response).at("/errors/0/extensions/rule").asText());
    }

    private static String aliasFlood() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            fields.append("alias").append(i).append(": __typename ");
        }
        return fields.toString();
    }

    // ---------------------------------------------------------------- methods and request types

    @Test
    void get_is405_withAllowPost_andRunsNothing() throws Exception {
        // GIVEN a mutation sent with GET (as a link or an image would)
        HttpResponse response =
                API.send(
                        "GET",
                        Map.of("content-type", "application/json"),
                        createCustomer("Via Get " + UUID.randomUUID()),
                        rep);

        assertRefused(response, 405, "method", "postOnly");
        assertEquals("POST", response.headers().get("allow"));
        assertEquals(0, customersOfRep());
    }

    @Test
    void postWithoutContentType_is415_andRunsNothing() throws Exception {
        HttpResponse response =
                API.send("POST", Map.of(), createCustomer("No Type " + UUID.randomUUID()), rep);

        assertRefused(response, 415, "Content-Type", "contentType");
        assertEquals(0, customersOfRep());
    }

    @Test
    void formAndTextPosts_are415_soNoCrossSiteFormRunsAnOperation() throws Exception {
        // GIVEN the three content types a browser form may post without a CORS preflight
        for (String type :
                List.of(
                        "application/x-www-form-urlencoded",
                        "text/plain",
                        "multipart/form-data; boundary=x")) {
            HttpResponse response =
                    API.send(
                            "POST",
                            Map.of("content-type", type),
                            createCustomer("Form " + UUID.randomUUID()),
                            rep);

            assertRefused(response, 415, "Content-Type", "contentType");
        }
        assertEquals(0, customersOfRep());
    }

    @Test
    void jsonInUtf8IsRead_anotherCharsetIsNot() throws Exception {
        assertEquals(
                200,
                API.post(TYPENAME, rep, Map.of("content-type", "application/json; charset=UTF-8"))
                        .status());
        assertRefused(
                API.post(
                        TYPENAME,
                        rep,
                        Map.of("content-type", "application/json; charset=iso-8859-1")),
                415,
                "Content-Type",
                "contentType");
    }

    @Test
    void aJsonArray_isRefusedAsBatching() throws Exception {
        String batch = "[" + String.join(",", java.util.Collections.nCopies(10, TYPENAME)) + "]";

        assertRefused(API.post(batch, rep, Map.of()), 400, "body", "noBatching");
    }

    @Test
    void requestParameters_ofTheWrongType_are400_nullsAreFine() throws Exception {
        assertRefused(
                API.post("{\"query\":\"{ __typename }\",\"operationName\":0}", rep, Map.of()),
                400,
                "operationName",
                "string");
        assertRefused(
                API.post("{\"query\":\"{ __typename }\",\"extensions\":\"x\"}", rep, Map.of()),
                400,
                "extensions",
                "object");
        assertRefused(
                API.post("{\"query\":\"{ __typename }\",\"variables\":[]}", rep, Map.of()),
                400,
                "variables",
                "object");
        assertRefused(API.post("{\"query\":{}}", rep, Map.of()), 400, "query", "required");
        HttpResponse nulls =
                API.post(
                        "{\"query\":\"{ __typename }\",\"variables\":null,\"operationName\":null,"
                                + "\"extensions\":{\"some\":\"value\"}}",
                        rep,
                        Map.of());
        assertEquals(200, nulls.status());
        assertFalse(json(nulls).has("errors"), nulls.body());
    }

    // ---------------------------------------------------------------- outside dev

    @Test
    void introspection_isOffOutsideDev_andTypenameStillAnswers() throws Exception {
        GraphqlFixture prod = GraphqlFixture.inEnvironment("prod");
        Map<String, String> prodRep = prod.freshRep();

        JsonNode schema =
                json(prod.post(body("{ __schema { types { name } } }"), prodRep, Map.of()));
        JsonNode type =
                json(prod.post(body("{ __type(name: \"Customer\") { name } }"), prodRep, Map.of()));
        JsonNode typename = json(prod.post(TYPENAME, prodRep, Map.of()));

        assertEquals(
                "BAD_USER_INPUT",
                schema.at("/errors/0/extensions/code").asText(),
                schema.toString());
        assertEquals("introspectionDisabled", schema.at("/errors/0/extensions/rule").asText());
        assertFalse(schema.toString().contains("Customer"), schema.toString());
        assertEquals("introspectionDisabled", type.at("/errors/0/extensions/rule").asText());
        assertEquals("Query", typename.at("/data/__typename").asText());
        // AND dev (GraphiQL locally) still has it
        assertEquals(
                "Customer",
                json(API.post(body("{ __type(name: \"Customer\") { name } }"), rep, Map.of()))
                        .at("/data/__type/name")
                        .asText());
    }

    @Test
    void unknownFields_getNoSuggestions_inAnyEnvironment() throws Exception {
        GraphqlFixture prod = GraphqlFixture.inEnvironment("prod");
        for (GraphqlFixture api : List.of(API, prod)) {
            Map<String, String> caller = api.freshRep();
            for (String query :
                    List.of(
                            "query cop { __schema { directive } }",
                            "{ customr(id: \"1\") { id } }",
                            "{ customer(id: \"1\") { nam } }")) {
                String answer = api.post(body(query), caller, Map.of()).body();

                assertTrue(answer.contains("\"errors\""), answer);
                assertFalse(
                        answer.toLowerCase(java.util.Locale.ROOT).contains("did you mean"), answer);
            }
        }
    }

    // ---------------------------------------------------------------- error extensions

    @Test
    void errorExtensions_carryOnlyDocumentedKeys_neverGraphqlJavasClassification()
            throws Exception {
        // GIVEN one request for each kind of error graphql-java raises, and two of ours
        List<String> failing =
                List.of(
                        body("{"),
                        body("{ noSuchField }"),
                        body("{ customer { id } }"),
                        GraphqlFixture.JSON.writeValueAsString(
                                Map.of(
                                        "query",
                                        "query($n: Int) { customers(first: $n) { edges { node { id } } } }",
                                        "variables",
                                        Map.of("n", "many"))),
                        body("{ " + aliasFlood() + " }"),
                        body("{ customer(id: \"" + UUID.randomUUID() + "\") { id } }"),
                        body(
                                "mutation { createCustomer(input: {name: \"\", phone: \"1\"}) { id } }"));
        // README "Errors": the keys each code documents
        Set<String> documented =
                Set.of(
                        "code",
                        "field",
                        "rule",
                        "limit",
                        "requestId",
                        "id",
                        "existingId",
                        "currentVersion",
                        "toStage",
                        "unmet",
                        "operation",
                        "type",
                        "fields",
                        "requested");

        for (String request : failing) {
            JsonNode response = json(API.post(request, rep, Map.of()));
            assertTrue(response.at("/errors").size() > 0, response.toString());
            for (JsonNode error : response.at("/errors")) {
                Iterator<String> keys = error.at("/extensions").fieldNames();
                while (keys.hasNext()) {
                    String key = keys.next();
                    assertTrue(documented.contains(key), key + " in " + response);
                }
                assertFalse(error.at("/extensions/code").asText().isEmpty(), response.toString());
            }
        }
    }

    // ---------------------------------------------------------------- side effects

    @Test
    void exportCustomers_isAMutationOnly() throws Exception {
        JsonNode asQuery = json(API.post(body("{ exportCustomers { rowCount } }"), rep, Map.of()));

        assertEquals("BAD_USER_INPUT", asQuery.at("/errors/0/extensions/code").asText());
        assertFalse(asQuery.has("data"), asQuery.toString());
    }
}
