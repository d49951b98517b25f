package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.signing.Sha256;
import org.opencrm.graphql.persisted.OperationManifest;
import org.opencrm.infra.CrmLocal;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;

/**
 * {@code serve --stage prod}: the local cloud as the deployed stack runs, for scanners. No
 * GraphiQL, dashboard or {@code /_local/} routes, no introspection, the stage's resource names; the
 * {@code token} command still gives a demo user a token. And, at every stage, nothing is served
 * before every stream consumer, queue and schedule runs: the start-up log asks the cloud at each of
 * those lines what it answers (the port is bound early, so it can be asked).
 */
class ProdStageEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_TOKEN_QUERY = "{\"query\":\"{ environment }\"}";

    private static ProbingLog startUp;
    private static LocalCloud cloud;

    @BeforeAll
    static void startTheCloudAtStageProd() throws Exception {
        startUp = new ProbingLog();
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                        TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize())
                                .withStage("prod"),
                        startUp);
    }

    @AfterAll
    static void stopTheCloud() {
        cloud.close();
    }

    @Test
    void beforeEveryConsumerAndScheduleRuns_everyRequestAnswers503WithRetryAfter_thenIsServed() {
        // GIVEN the requests made while the cloud was starting, at each consumer and schedule line
        List<Probe> starting =
                startUp.probes.stream().filter(probe -> !probe.line().startsWith("ready")).toList();
        Probe atReady =
                startUp.probes.stream()
                        .filter(probe -> probe.line().startsWith("ready"))
                        .findFirst()
                        .orElseThrow();

        // THEN every one of them was held back
        assertTrue(starting.stream().anyMatch(probe -> probe.line().startsWith("stream ")));
        assertTrue(starting.stream().anyMatch(probe -> probe.line().startsWith("schedule ")));
        starting.forEach(
                probe -> {
                    assertEquals(503, probe.status(), probe.line());
                    assertEquals(Optional.of("1"), probe.retryAfter(), probe.line());
                });
        // AND once ready the same request reaches the gateway (no token: its 401)
        assertEquals(401, atReady.status(), atReady.line());
    }

    @Test
    void localTools_areNotServed_asInTheDeployedStack() {
        // WHEN GraphiQL, its assets, the dashboard and the local controls are asked for
        Map<String, Integer> statuses =
                Map.of(
                        "GET /", get("/").statusCode(),
                        "GET /dashboard", get("/dashboard").statusCode(),
                        "GET /_local/token", get("/_local/token?user=demo-admin").statusCode(),
                        "GET /_local/ready", get("/_local/ready").statusCode(),
                        "POST /_local/clock/advance",
                                post("/_local/clock/advance?by=PT2H", "", Map.of()).statusCode(),
                        "POST /_local/schedules/SlaSweepFunction/fire",
                                post("/_local/schedules/SlaSweepFunction/fire", "", Map.of())
                                        .statusCode());

        // THEN each is API Gateway's 404 for a path no route has
        statuses.forEach((request, status) -> assertEquals(404, status, request));
    }

    @Test
    void tokenCommand_givesADemoUserAToken_andTheApiAnswersAtStageProd() {
        // GIVEN a token from the token command, which finds no /_local/ routes at this stage
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                CrmLocal.run(
                        new String[] {
                            "token", "demo-rep-a1", "--port", String.valueOf(cloud.port())
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String token = out.toString(StandardCharsets.UTF_8).trim();

        // WHEN a registered operation (the allow-list's, persisted/operations.json) is sent with it
        HttpResponse<String> response =
                graphql(token, "{\"query\":\"query Me { environment me { id role } }\"}");

        // THEN it is answered, by the functions of stage prod over the stage's tables
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = TestSupport.json(response);
        assertEquals("prod", body.at("/data/environment").asText(), response.body());
        assertEquals("demo-rep-a1", body.at("/data/me/id").asText());
        assertEquals("prod", body.at("/extensions/environment").asText());
        assertEquals("crm-prod-customers", cloud.tableName("CustomersTable"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("serves no /_local/ routes"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theClientsRegisteredOperations_runByHash_andAWidenedCopyIsRefused() throws Exception {
        // GIVEN the app's customer list and notifications, as the deployed manifest registers them
        String token = new ApiClient(cloud).adminToken();
        OperationManifest manifest = OperationManifest.deployed();
        String customers = registered(manifest, "Customers");

        // WHEN they are sent by hash only, as the mini-program sends them
        HttpResponse<String> listed = graphql(token, byHash(customers, Map.of("first", 5)));
        HttpResponse<String> inbox =
                graphql(token, byHash(registered(manifest, "Notifications"), Map.of()));
        // AND the list's text with one more field
        HttpResponse<String> widened =
                graphql(
                        token,
                        JSON.writeValueAsString(
                                Map.of(
                                        "query",
                                        customers.replace("{ id version", "{ id email version"),
                                        "variables",
                                        Map.of("first", 5))));

        // THEN the registered ones run at stage prod, the copy is refused
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(TestSupport.json(listed).at("/data/customers/edges").isArray(), listed.body());
        assertTrue(TestSupport.json(listed).at("/errors").isMissingNode(), listed.body());
        assertEquals(200, inbox.statusCode(), inbox.body());
        assertTrue(TestSupport.json(inbox).at("/data/unreadCount").isInt(), inbox.body());
        assertEquals(403, widened.statusCode(), widened.body());
        assertEquals(
                "PERSISTED_QUERY_NOT_ALLOWED",
                TestSupport.json(widened).at("/errors/0/extensions/code").asText());
    }

    private static String registered(OperationManifest manifest, String name) {
        return manifest.bodiesById().values().stream()
                .filter(body -> body.matches("(query|mutation) " + name + "\\b.*"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not registered"));
    }

    private static String byHash(String body, Map<String, Object> variables) throws Exception {
        return JSON.writeValueAsString(
                Map.of(
                        "extensions",
                        Map.of(
                                "persistedQuery",
                                Map.of("version", 1, "sha256Hash", Sha256.hex(body))),
                        "variables",
                        variables));
    }

    @Test
    void introspection_isRefusedWithItsCode() {
        // GIVEN a valid token
        String token = new ApiClient(cloud).adminToken();

        // WHEN the schema is asked for
        HttpResponse<String> response =
                graphql(token, "{\"query\":\"{ __schema { queryType { name } } }\"}");

        // THEN it is refused, naming the rule, and nothing of the schema is told: prod runs
        // registered operations only, so the allow-list refuses it before introspection could
        JsonNode body = TestSupport.json(response);
        JsonNode error = body.at("/errors/0/extensions");
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("PERSISTED_QUERY_NOT_ALLOWED", error.path("code").asText(), response.body());
        assertEquals("allowList", error.path("rule").asText(), response.body());
        assertFalse(response.body().contains("queryType\":{"), response.body());
    }

    private static HttpResponse<String> graphql(String token, String body) {
        return post(
                "/graphql",
                body,
                Map.of("authorization", "Bearer " + token, "content-type", "application/json"));
    }

    private static HttpResponse<String> get(String path) {
        return TestSupport.send(TestSupport.request(cloud, path).GET());
    }

    private static HttpResponse<String> post(
            String path, String body, Map<String, String> headers) {
        return TestSupport.post(cloud, path, body, headers);
    }

    /** What the cloud answered to a request made while it printed a start-up line. */
    private record Probe(String line, int status, Optional<String> retryAfter) {}

    /**
     * The cloud's start-up log. From the line that says where HTTP is bound, each line of a stream
     * consumer, queue or schedule, and the ready line, sends a request and records its answer:
     * synchronously, on the starting thread, so at exactly that point of the start.
     */
    private static final class ProbingLog extends PrintStream {

        private static final Pattern BOUND =
                Pattern.compile("^http +(http://127\\.0\\.0\\.1:\\d+)");
        private static final List<String> PROBED =
                List.of("stream ", "queue ", "schedule ", "ready ");

        final List<Probe> probes = new CopyOnWriteArrayList<>();
        private volatile URI baseUrl;

        ProbingLog() {
            super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        }

        @Override
        public void println(String line) {
            Matcher bound = BOUND.matcher(line);
            if (bound.find()) {
                baseUrl = URI.create(bound.group(1));
            }
            if (baseUrl != null && PROBED.stream().anyMatch(line::startsWith)) {
                HttpResponse<String> answer =
                        TestSupport.send(
                                HttpRequest.newBuilder(baseUrl.resolve("/graphql"))
                                        .header("content-type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(NO_TOKEN_QUERY)));
                probes.add(
                        new Probe(
                                line,
                                answer.statusCode(),
                                answer.headers().firstValue("Retry-After")));
            }
        }
    }
}
