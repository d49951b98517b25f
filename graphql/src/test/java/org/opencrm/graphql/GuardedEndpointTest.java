package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.guard.ApiProtection;
import org.opencrm.core.ratelimit.RateLimitStore;
import org.opencrm.core.ratelimit.RateLimiter;
import org.opencrm.core.ratelimit.RateLimits;
import org.opencrm.core.signing.Sha256;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.graphql.http.GraphqlHttpEndpoint;
import org.opencrm.graphql.http.HttpRequest;
import org.opencrm.graphql.http.HttpResponse;
import org.opencrm.graphql.http.RequestGuards;
import org.opencrm.graphql.persisted.OperationManifest;

/**
 * The endpoint with its guards (issue 18 items 5-6), over the real schema and DynamoDB Local:
 * budgets, Idempotency-Key, automatic persisted queries and the allow-list.
 */
class GuardedEndpointTest {

    private static final String CREATE =
            "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id phone } }";
    private static final String ENVIRONMENT = "query Environment { environment }";

    private static final GraphqlFixture API = new GraphqlFixture();
    private static final CrmGraphql SCHEMA = CrmGraphql.build(API.services, "dev");

    private static GraphqlHttpEndpoint endpoint(RateLimits limits, boolean allowListOnly) {
        ApiProtection core = API.services.protection();
        ApiProtection protection =
                new ApiProtection(
                        new RateLimiter(
                                new RateLimitStore(API.dynamo.client(), API.dynamo.tables()),
                                () -> limits,
                                Clock.systemUTC()),
                        core.idempotency(),
                        core.persistedQueries());
        return new GraphqlHttpEndpoint(
                SCHEMA,
                API.services.users()::authenticate,
                RequestGuards.over(
                        protection,
                        OperationManifest.of(List.of(ENVIRONMENT)),
                        allowListOnly,
                        "dev"));
    }

    private static final GraphqlHttpEndpoint OPEN =
            endpoint(new RateLimits(1000, 1000, 1000, 1000), false);

    private final Map<String, String> rep = API.freshRep();

    private static HttpResponse post(
            GraphqlHttpEndpoint endpoint,
            Map<String, String> claims,
            Map<String, Object> body,
            Map<String, String> headers) {
        // a JSON body, as every client sends it (the endpoint refuses others with 415)
        Map<String, String> withType = new HashMap<>(headers);
        withType.putIfAbsent("content-type", "application/json");
        try {
            return endpoint.handle(
                    new HttpRequest(
                            withType,
                            GraphqlFixture.JSON.writeValueAsString(body),
                            claims,
                            "req-" + UUID.randomUUID(),
                            "203.0.113.9"));
        } catch (java.io.IOException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static Map<String, Object> body(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return body;
    }

    private static Map<String, Object> create(String phone) {
        return body(CREATE, Map.of("in", Map.of("name", "Idem " + phone, "phone", phone)));
    }

    private static Map<String, Object> persisted(String query, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return body;
    }

    private static JsonNode json(HttpResponse response) throws Exception {
        return GraphqlFixture.JSON.readTree(response.body());
    }

    @Test
    void aMutationRetriedWithTheSameKey_isDoneOnce_andAnsweredTheSame() throws Exception {
        // GIVEN a create with a fresh phone, sent with an Idempotency-Key
        Map<String, Object> request = create(TestCallers.uniqueMobile());
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        // WHEN it is sent twice (the app never heard the first answer)
        HttpResponse first = post(OPEN, rep, request, key);
        HttpResponse retry = post(OPEN, rep, request, key);

        // THEN one customer: the retry answers the first's id, not DUPLICATE on the phone
        assertEquals(200, first.status(), first.body());
        assertTrue(json(first).at("/data/createCustomer/id").isTextual(), first.body());
        assertEquals(first.body(), retry.body());
        assertEquals("true", retry.headers().get(RequestGuards.REPLAYED_HEADER));
        assertNull(first.headers().get(RequestGuards.REPLAYED_HEADER));

        // AND without the key the same request runs again, and meets the first customer's phone
        HttpResponse unkeyed = post(OPEN, rep, request, Map.of());
        assertEquals("DUPLICATE", json(unkeyed).at("/errors/0/extensions/code").asText());
    }

    @Test
    void theSameKey_withOtherVariables_is422_namingTheHeader() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        post(OPEN, rep, create(TestCallers.uniqueMobile()), key);

        HttpResponse reused = post(OPEN, rep, create(TestCallers.uniqueMobile()), key);

        assertEquals(422, reused.status(), reused.body());
        JsonNode error = json(reused).at("/errors/0");
        assertEquals("IDEMPOTENCY_KEY_REUSED", error.at("/extensions/code").asText());
        assertEquals("Idempotency-Key", error.at("/extensions/field").asText());
        assertEquals("dev", json(reused).at("/extensions/environment").asText());
    }

    @Test
    void aBadKey_is400_withFieldRuleAndLimit() throws Exception {
        HttpResponse response =
                post(
                        OPEN,
                        rep,
                        create(TestCallers.uniqueMobile()),
                        Map.of("Idempotency-Key", "k".repeat(300)));

        assertEquals(400, response.status(), response.body());
        JsonNode extensions = json(response).at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", extensions.at("/code").asText());
        assertEquals("Idempotency-Key", extensions.at("/field").asText());
        assertEquals("maxLength", extensions.at("/rule").asText());
        assertEquals(255, extensions.at("/limit").asInt());
    }

    @Test
    void queries_ignoreTheKey() throws Exception {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        HttpResponse first = post(OPEN, rep, body("{ environment }", Map.of()), key);
        HttpResponse second = post(OPEN, rep, body("{ me { id } }", Map.of()), key);

        assertEquals(200, second.status(), second.body());
        assertNull(first.headers().get(RequestGuards.REPLAYED_HEADER));
        assertNull(second.headers().get(RequestGuards.REPLAYED_HEADER));
        assertNotEquals(first.body(), second.body());
    }

    @Test
    void apq_hashOnlyUnknown_thenHashAndQuery_thenHashOnly_runs() throws Exception {
        // GIVEN a query nobody has sent yet (an alias makes it new)
        String query =
                "{ fresh_" + UUID.randomUUID().toString().replace("-", "") + ": environment }";
        String hash = Sha256.hex(query);

        // WHEN the mini-program sends its hash, then (told it is unknown) hash and text, then hash
        HttpResponse unknown = post(OPEN, rep, persisted(null, hash), Map.of());
        HttpResponse registered = post(OPEN, rep, persisted(query, hash), Map.of());
        HttpResponse byHash = post(OPEN, rep, persisted(null, hash), Map.of());

        // THEN the first is Apollo's PersistedQueryNotFound, and the other two run the query
        assertEquals(200, unknown.status(), unknown.body());
        JsonNode notFound = json(unknown).at("/errors/0");
        assertEquals("PersistedQueryNotFound", notFound.at("/message").asText());
        assertEquals("PERSISTED_QUERY_NOT_FOUND", notFound.at("/extensions/code").asText());
        assertEquals("dev", json(registered).at("/data").elements().next().asText());
        assertEquals(json(registered).at("/data"), json(byHash).at("/data"));
    }

    @Test
    void apq_aHashThatIsNotTheQuerys_isBadInput() throws Exception {
        HttpResponse response =
                post(OPEN, rep, persisted("{ environment }", "a".repeat(64)), Map.of());

        assertEquals(400, response.status(), response.body());
        JsonNode extensions = json(response).at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", extensions.at("/code").asText());
        assertEquals("extensions.persistedQuery.sha256Hash", extensions.at("/field").asText());
        assertEquals("matchesQuery", extensions.at("/rule").asText());
    }

    @Test
    void apq_anInvalidDocument_isNotStored() throws Exception {
        String invalid = "{ noSuchField_" + UUID.randomUUID().toString().replace("-", "") + " }";
        String hash = Sha256.hex(invalid);

        post(OPEN, rep, persisted(invalid, hash), Map.of());
        HttpResponse byHash = post(OPEN, rep, persisted(null, hash), Map.of());

        assertEquals(
                "PERSISTED_QUERY_NOT_FOUND", json(byHash).at("/errors/0/extensions/code").asText());
    }

    @Test
    void allowListMode_runsRegisteredOperationsOnly() throws Exception {
        GraphqlHttpEndpoint prod = endpoint(new RateLimits(1000, 1000, 1000, 1000), true);

        HttpResponse unregistered = post(prod, rep, body("{ environment }", Map.of()), Map.of());
        HttpResponse byText = post(prod, rep, body(ENVIRONMENT, Map.of()), Map.of());
        HttpResponse byHash = post(prod, rep, persisted(null, Sha256.hex(ENVIRONMENT)), Map.of());

        assertEquals(403, unregistered.status(), unregistered.body());
        JsonNode refused = json(unregistered).at("/errors/0/extensions");
        assertEquals("PERSISTED_QUERY_NOT_ALLOWED", refused.at("/code").asText());
        assertEquals("allowList", refused.at("/rule").asText());
        assertEquals("dev", json(byText).at("/data/environment").asText());
        assertEquals("dev", json(byHash).at("/data/environment").asText());
    }

    @Test
    void atStageProd_theClientsRegisteredOperationsRun_byHash_andAnythingElseIsRefused()
            throws Exception {
        // GIVEN the endpoint as prod runs it: the deployed manifest, allow-list only
        GraphqlHttpEndpoint prod =
                new GraphqlHttpEndpoint(
                        CrmGraphql.build(API.services, "prod"),
                        API.services.users()::authenticate,
                        RequestGuards.over(
                                API.services.protection(),
                                OperationManifest.deployed(),
                                true,
                                "prod"));
        String phone = TestCallers.uniqueMobile();

        // WHEN the app creates a customer, opens it and lists the rep's customers, by hash only
        JsonNode created =
                json(
                        post(
                                prod,
                                rep,
                                registered(
                                        "CreateCustomer",
                                        Map.of("input", Map.of("name", "Prod Co", "phone", phone))),
                                Map.of()));
        String id = created.at("/data/createCustomer/id").asText();
        JsonNode opened =
                json(post(prod, rep, registered("Customer360", Map.of("id", id)), Map.of()));
        JsonNode listed =
                json(post(prod, rep, registered("Customers", Map.of("first", 100)), Map.of()));

        // THEN each ran as registered
        assertTrue(created.at("/errors").isMissingNode(), created.toString());
        assertEquals("Prod Co", opened.at("/data/customer/name").asText(), opened.toString());
        assertTrue(opened.at("/data/customer/timeline/edges").isArray(), opened.toString());
        assertEquals(id, listed.at("/data/customers/edges/0/node/id").asText(), listed.toString());

        // AND the same list with one more field, by text, is no registered operation: 403
        String widened =
                registeredBody("Customers").replace("{ id version name", "{ id version name email");
        HttpResponse refused = post(prod, rep, body(widened, Map.of("first", 100)), Map.of());
        assertEquals(403, refused.status(), refused.body());
        assertEquals(
                "PERSISTED_QUERY_NOT_ALLOWED",
                json(refused).at("/errors/0/extensions/code").asText());
    }

    /** A registered operation's text, by its name in the deployed manifest. */
    private static String registeredBody(String name) {
        return OperationManifest.deployed().bodiesById().values().stream()
                .filter(body -> body.matches("(query|mutation) " + name + "\\b.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    /** A registered operation sent as the mini-program sends it: its hash and variables. */
    private static Map<String, Object> registered(String name, Map<String, Object> variables) {
        Map<String, Object> body = persisted(null, Sha256.hex(registeredBody(name)));
        body.put("variables", variables);
        return body;
    }

    @Test
    void oneUsersFlood_isRateLimited_withRetryAfter_whileAnotherUserIsServed() throws Exception {
        // GIVEN 2 requests a second, bursts of 3
        GraphqlHttpEndpoint tight = endpoint(new RateLimits(2, 3, 1000, 1000), false);
        Map<String, String> other = API.freshRep();

        // WHEN one user sends 10 requests at once
        HttpResponse last = null;
        for (int i = 0; i < 10; i++) {
            last = post(tight, rep, body("{ environment }", Map.of()), Map.of());
        }

        // THEN the last is refused with 429 and when to retry, in the header and the error
        assertEquals(429, last.status(), last.body());
        JsonNode extensions = json(last).at("/errors/0/extensions");
        assertEquals("RATE_LIMITED", extensions.at("/code").asText());
        assertEquals(
                last.headers().get("Retry-After"), extensions.at("/retryAfterSeconds").asText());
        assertEquals("userRequestsPerSecond", extensions.at("/rule").asText());
        // AND another user is served
        assertEquals(200, post(tight, other, body("{ environment }", Map.of()), Map.of()).status());
    }
}
