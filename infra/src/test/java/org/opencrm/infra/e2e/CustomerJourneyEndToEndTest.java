package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * The whole stack as a client sees it: `serve --in-memory` on a free port, real HTTP with a
 * dev token, the real handlers, DynamoDB Local in server mode, the stream poller feeding
 * the audit function.
 */
class CustomerJourneyEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalCloud cloud;
    private static String repToken;

    @BeforeAll
    static void startTheLocalCloud() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(projectRoot().resolve("template.yaml")));
        repToken = DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.REP_A1);
    }

    @AfterAll
    static void stopTheLocalCloud() throws Exception {
        cloud.close();
    }

    @Test
    void customerJourney_createReadListConflictArchive_leavesOneAuditRowPerChange() throws Exception {
        String phone = "139" + String.format("%08d", (int) (Math.random() * 100_000_000));
        JsonNode created = graphql(repToken, "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version phone ownerId } }",
                Map.of("in", Map.of("name", "Journey Ltd", "phone", "+86 " + phone, "remark", "met at the fair")));
        String id = created.at("/data/createCustomer/id").asText();
        assertEquals(1, created.at("/data/createCustomer/version").asInt());
        assertEquals("+86" + phone, created.at("/data/createCustomer/phone").asText());
        assertEquals(DemoOrg.REP_A1.id(), created.at("/data/createCustomer/ownerId").asText());

        JsonNode read = graphql(repToken, "query($id: ID!) { customer(id: $id) { name stage region } }", Map.of("id", id));
        assertEquals("Journey Ltd", read.at("/data/customer/name").asText());
        assertEquals("NEW", read.at("/data/customer/stage").asText());
        assertEquals("east", read.at("/data/customer/region").asText());

        JsonNode listed = graphql(repToken, "query($owner: ID) { customers(filter: {ownerId: $owner}, first: 20) { edges { node { id } } } }",
                Map.of("owner", DemoOrg.REP_A1.id()));
        assertTrue(ids(listed.at("/data/customers/edges")).contains(id));

        String update = "mutation($id: ID!, $v: Int!, $in: UpdateCustomerInput!) { updateCustomer(id: $id, expectedVersion: $v, input: $in) { version stage } }";
        JsonNode updated = graphql(repToken, update, Map.of("id", id, "v", 1, "in", Map.of("stage", "CONTACTED")));
        assertEquals(2, updated.at("/data/updateCustomer/version").asInt());
        JsonNode stale = graphql(repToken, update, Map.of("id", id, "v", 1, "in", Map.of("remark", "stale device")));
        assertEquals("VERSION_CONFLICT", stale.at("/errors/0/extensions/code").asText());
        assertEquals(2, stale.at("/errors/0/extensions/currentVersion").asInt());

        JsonNode archived = graphql(repToken, "mutation($id: ID!) { archiveCustomer(id: $id, expectedVersion: 2, reason: \"test journey\") { archived } }",
                Map.of("id", id));
        assertTrue(archived.at("/data/archiveCustomer/archived").asBoolean());

        List<JsonNode> trail = awaitAuditTrail(id, 3);
        assertEquals(List.of("ARCHIVE", "UPDATE", "CREATE"), trail.stream().map(e -> e.at("/operation").asText()).toList());
        for (JsonNode entry : trail) {
            assertEquals(DemoOrg.REP_A1.id(), entry.at("/actorId").asText());
            assertEquals("127.0.0.1", entry.at("/sourceIp").asText());
            assertFalse(entry.at("/requestId").asText().isBlank());
        }
        assertEquals("stage", trail.get(1).at("/changes/0/field").asText());
        // later polls must not add rows for changes already recorded
        Thread.sleep(2_500);
        assertEquals(3, auditTrail(id).size());
    }

    @Test
    void racingCreatesWithTheSamePhone_overHttp_makeOneCustomer() throws Exception {
        String phone = "137" + String.format("%08d", (int) (Math.random() * 100_000_000));
        String create = "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }";
        List<CompletableFuture<JsonNode>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(CompletableFuture.supplyAsync(() -> graphqlUnchecked(repToken, create,
                    Map.of("in", Map.of("name", "Racer", "phone", phone)))));
        }
        List<JsonNode> results = racers.stream().map(CompletableFuture::join).toList();

        long created = results.stream().filter(r -> r.at("/data/createCustomer/id").isTextual()).count();
        long duplicates = results.stream().filter(r -> "DUPLICATE".equals(r.at("/errors/0/extensions/code").asText())).count();
        assertEquals(1, created, results.toString());
        assertEquals(7, duplicates, results.toString());
    }

    @Test
    void requestsWithoutAToken_areRefusedByTheAuthorizer() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/graphql"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ environment }\"}"))
                .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
    }

    @Test
    void malformedJson_isA400_notA500() throws Exception {
        HttpResponse<String> response = post(repToken, "{\"query\": ");

        assertEquals(400, response.statusCode());
        assertEquals("BAD_USER_INPUT", JSON.readTree(response.body()).at("/errors/0/extensions/code").asText());
    }

    private List<JsonNode> awaitAuditTrail(String id, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> trail = auditTrail(id);
        while (trail.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            trail = auditTrail(id);
        }
        return trail;
    }

    private List<JsonNode> auditTrail(String id) throws Exception {
        JsonNode result = graphql(repToken, "query($id: ID!) { auditTrail(entityId: $id) { edges { node { operation actorId sourceIp requestId changes { field before after } } } } }",
                Map.of("id", id));
        return StreamSupport.stream(result.at("/data/auditTrail/edges").spliterator(), false).map(edge -> edge.at("/node")).toList();
    }

    private static List<String> ids(JsonNode edges) {
        return StreamSupport.stream(edges.spliterator(), false).map(edge -> edge.at("/node/id").asText()).toList();
    }

    private static JsonNode graphqlUnchecked(String token, String query, Map<String, Object> variables) {
        try {
            return graphql(token, query, variables);
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static JsonNode graphql(String token, String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = post(token, JSON.writeValueAsString(Map.of("query", query, "variables", variables)));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("dev", body.at("/extensions/environment").asText());
        return body;
    }

    private static HttpResponse<String> post(String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cloud.baseUrl() + "/graphql"))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
