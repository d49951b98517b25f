package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.ratelimit.RateLimits;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;

class GraphqlApiHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final GraphqlApiHandler handler =
            new GraphqlApiHandler(new Services(dynamo.services(Clock.systemUTC()), "dev"));

    @BeforeAll
    static void theFixturesUserIsInTheOrg() {
        // graphql-create-customer.json's verified subject
        TestOrg.ensure(
                LocalDynamo.shared().services(Clock.systemUTC()),
                "demo-rep-a1",
                Role.SALES_REP,
                "east",
                "east-a");
    }

    private APIGatewayV2HTTPEvent createCustomerEvent(String phone) {
        return EventFixtures.load(
                "graphql-create-customer.json",
                APIGatewayV2HTTPEvent.class,
                Map.of(
                        "PHONE_PLACEHOLDER",
                        phone,
                        "REQUEST_ID_PLACEHOLDER",
                        UUID.randomUUID().toString()));
    }

    @Test
    void handleRequest_createsCustomer_asTheAuthorizersSubject() throws Exception {
        // GIVEN an HTTP API event with verified JWT claims
        String phone = TestCallers.uniqueMobile();
        APIGatewayV2HTTPEvent event = createCustomerEvent(phone);

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        JsonNode body = JSON.readTree(response.getBody());
        assertEquals(200, response.getStatusCode());
        assertEquals("+86" + phone, body.at("/data/createCustomer/phone").asText());
        assertEquals("demo-rep-a1", body.at("/data/createCustomer/ownerId").asText());
        assertEquals("east", body.at("/data/createCustomer/region").asText());
        assertEquals("dev", body.at("/extensions/environment").asText());
    }

    @Test
    void handleRequest_decodesBase64Bodies() throws Exception {
        // GIVEN the same request with its body base64-encoded, as API Gateway sends binary types
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        event.setBody(
                Base64.getEncoder()
                        .encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertEquals(
                "Wang Fang",
                JSON.readTree(response.getBody()).at("/data/createCustomer/name").asText());
    }

    @Test
    void handleRequest_answers400_forMalformedJson() throws Exception {
        // GIVEN
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        event.setBody("{not json");

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertEquals(400, response.getStatusCode());
        assertEquals(
                "BAD_USER_INPUT",
                JSON.readTree(response.getBody()).at("/errors/0/extensions/code").asText());
    }

    @Test
    void handleRequest_answersGet405_withAllowPost_andRunsNothing() throws Exception {
        // GIVEN the create mutation arriving on the GET route
        String phone = TestCallers.uniqueMobile();
        APIGatewayV2HTTPEvent event = createCustomerEvent(phone);
        event.setRouteKey("GET /graphql");
        event.getRequestContext().getHttp().setMethod("GET");

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertEquals(405, response.getStatusCode());
        assertEquals("POST", response.getHeaders().get("allow"));
        assertEquals(
                "postOnly",
                JSON.readTree(response.getBody()).at("/errors/0/extensions/rule").asText());
        // AND the same phone is still free: nothing was created
        JsonNode created =
                JSON.readTree(handler.handleRequest(createCustomerEvent(phone), null).getBody());
        assertEquals(
                "+86" + phone,
                created.at("/data/createCustomer/phone").asText(),
                created.toString());
    }

    @Test
    void handleRequest_refusesAFormPost_with415() throws Exception {
        // GIVEN a cross-site form post of the mutation
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        event.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded"));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertEquals(415, response.getStatusCode());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("content-type"));
    }

    @Test
    void handleRequest_negotiatesGraphqlResponseJson_with400ForAnInvalidDocument()
            throws Exception {
        // GIVEN a client that prefers the GraphQL response type, sending an unknown field
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        event.setHeaders(
                Map.of(
                        "content-type",
                        "application/json",
                        "accept",
                        "application/graphql-response+json"));
        event.setBody("{\"query\":\"{ noSuchField }\"}");

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertEquals(400, response.getStatusCode());
        assertEquals(
                "application/graphql-response+json; charset=utf-8",
                response.getHeaders().get("content-type"));
    }

    @Test
    void handleRequest_ignoresIdentityHeaders_andTrustsOnlyTheAuthorizer() throws Exception {
        // GIVEN a request without authorizer claims that claims an identity in headers
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        event.getRequestContext().setAuthorizer(null);
        event.setHeaders(
                Map.of(
                        "content-type",
                        "application/json",
                        "x-user-id",
                        "demo-admin",
                        "custom:role",
                        "ADMIN"));

        // WHEN
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN
        assertEquals(401, response.getStatusCode());
    }

    @Test
    void handleRequest_refusesAValidToken_ofASuspendedUser() throws Exception {
        // GIVEN a user in the org whose account an admin suspended
        CoreServices services = dynamo.services(Clock.systemUTC());
        Caller suspended = TestOrg.member(services, Role.SALES_REP, "east", "east-a");
        services.users()
                .suspend(
                        suspended.userId(),
                        "left the laptop unlocked",
                        TestCallers.of(Role.ADMIN, null, null));
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        event.getRequestContext()
                .getAuthorizer()
                .getJwt()
                .setClaims(Map.of("sub", suspended.userId(), "custom:role", "SALES_REP"));

        // WHEN their still-valid token is used
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // THEN it is refused
        assertEquals(401, response.getStatusCode());
        assertEquals(
                "UNAUTHENTICATED",
                JSON.readTree(response.getBody()).at("/errors/0/extensions/code").asText());
    }

    @Test
    void firstRequestReads_leaveTheRequestBudgetsCached_forTheFirstRequest() {
        // GIVEN tables of their own, and the services a fresh container builds over them
        LocalDynamo own = LocalDynamo.fresh();
        Services container = new Services(own.services(Clock.systemUTC()), "dev");

        // WHEN the reads a handler starts while it builds have run
        GraphqlApiHandler.firstRequestReads(container).forEach(Runnable::run);
        // AND an admin then lowers the user burst from its default, 60, to 30
        own.services(Clock.systemUTC())
                .config()
                .set(
                        RateLimits.NAME,
                        0,
                        JSON.valueToTree(Map.of("userBurst", 30)),
                        "a smaller burst",
                        TestCallers.of(Role.ADMIN, null, null));

        // THEN the container's first request is charged against the budgets read while it built
        assertEquals(60, container.core().protection().budgets().limits().userBurst());
        // while a container that had not read them yet finds the new one
        Services another = new Services(own.services(Clock.systemUTC()), "dev");
        assertEquals(30, another.core().protection().budgets().limits().userBurst());
    }

    @Test
    void prime_runsAReadThroughGraphqlAndDynamodb_withoutWriting() throws Exception {
        // WHEN the handler primes itself as it would before a SnapStart snapshot
        JsonNode body = JSON.valueToTree(handler.prime());

        // THEN the query reached DynamoDB (the priming id is simply not found) and nothing failed
        assertEquals("dev", body.at("/data/environment").asText());
        assertEquals("NOT_FOUND", body.at("/errors/0/extensions/code").asText());
    }

    @Test
    void prime_takesTheRequestPath_butWritesNoLogLineAndNoMetrics() {
        // WHEN the handler primes itself, its request going through handleRequest's telemetry
        ConsoleLines<Map<String, Object>> console = ConsoleLines.during(handler::prime);

        // THEN the query answered, and no request line or EMF metrics reached the console
        assertEquals("dev", JSON.valueToTree(console.result()).at("/data/environment").asText());
        assertTrue(
                console.json().stream().noneMatch(line -> line.has("kind") || line.has("_aws")),
                console.text());
    }

    @Test
    void handleRequest_writesOneJsonLine_withRequestIdOperationCallerAndCosts() {
        // GIVEN an anonymous createCustomer mutation
        APIGatewayV2HTTPEvent event = createCustomerEvent(TestCallers.uniqueMobile());
        String requestId = event.getRequestContext().getRequestId();
        TestLambdaContext lambda = new TestLambdaContext("lambda-" + requestId, "GraphqlApi");

        // WHEN
        ConsoleLines<APIGatewayV2HTTPResponse> console =
                ConsoleLines.during(() -> handler.handleRequest(event, lambda));

        // THEN one line says which request, what, who, and at what cost
        JsonNode line = console.workLine();
        assertEquals(200, console.result().getStatusCode());
        assertEquals("INFO", line.path("level").asText());
        assertEquals(requestId, line.path("requestId").asText());
        assertEquals("lambda-" + requestId, line.path("function_request_id").asText());
        assertEquals("api", line.path("kind").asText());
        assertEquals("createCustomer", line.path("operation").asText());
        assertEquals("demo-rep-a1", line.path("callerId").asText());
        assertEquals("SALES_REP", line.path("callerRole").asText());
        assertEquals(200, line.path("status").asInt());
        assertTrue(line.path("durationMs").isIntegralNumber(), line.toString());
        assertTrue(line.path("dynamoDbCalls").isIntegralNumber(), line.toString());
        assertTrue(line.path("errorCodes").isArray() && line.path("errorCodes").isEmpty());
    }

    @Test
    void handleRequest_logsTheErrorCode_andMasksThePhoneTheErrorEchoes() {
        // GIVEN a phone that is no phone (ten national digits), which the error message echoes
        APIGatewayV2HTTPEvent event = createCustomerEvent("+86 1381234567");

        // WHEN
        ConsoleLines<APIGatewayV2HTTPResponse> console =
                ConsoleLines.during(() -> handler.handleRequest(event, null));

        // THEN the line has the error's code and field, and the number only masked
        JsonNode line = console.workLine();
        assertEquals("BAD_USER_INPUT", line.at("/errorCodes/0").asText(), line.toString());
        assertEquals("phone", line.at("/errors/0/field").asText());
        assertTrue(
                line.at("/errors/0/message").asText().endsWith("+8613****4567"), line.toString());
        assertFalse(console.text().contains("1381234567"), console.text());
        // AND the error is counted as a metric
        JsonNode metrics = console.metricsLine();
        assertEquals(1, metrics.path("ApiErrors").asInt());
        assertEquals("OpenCrm", metrics.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals("dev", metrics.path("Environment").asText());
    }

    @Test
    void allowListOnly_isOnForTheStagesTheTemplateNames_andOffElsewhere() {
        RuntimeEnvironment prodOnly =
                RuntimeEnvironment.of(
                        Map.of(RuntimeEnvironment.OPERATION_ALLOW_LIST_STAGES, "prod, staging"));

        assertTrue(GraphqlApiHandler.allowListOnly(prodOnly, "prod"));
        assertTrue(GraphqlApiHandler.allowListOnly(prodOnly, "staging"));
        assertFalse(GraphqlApiHandler.allowListOnly(prodOnly, "dev"));
        assertFalse(GraphqlApiHandler.allowListOnly(RuntimeEnvironment.of(Map.of()), "prod"));
    }
}
