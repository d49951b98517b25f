package org.opencrm.infra.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;

/** A GraphQL client of the local cloud, as the app is one: real HTTP, a bearer token per user. */
final class ApiClient {

    // plain: empty strings and maps are meaningful in a request ("" clears a field)
    private static final ObjectMapper REQUEST_JSON = new ObjectMapper();

    private final LocalCloud cloud;
    private final DevTokens tokens = DevTokens.fromEnvironment(AppClock.SHARED);
    private final String adminToken;

    ApiClient(LocalCloud cloud) {
        this.cloud = cloud;
        this.adminToken = tokens.mint(DemoOrg.ADMIN);
    }

    /** A user in the org, created through the API by the demo admin; returns a token of theirs. */
    String createUser(String id, String role, String region, String team, String managerId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("name", "User " + id);
        input.put("role", role);
        input.put("region", region);
        input.put("team", team);
        input.put("managerId", managerId);
        data(
                adminToken,
                "mutation($in: UserInput!) { createUser(input: $in) { id } }",
                Map.of("in", input));
        return tokens.mint(
                new DemoUser(
                        id,
                        "User " + id,
                        role,
                        Optional.ofNullable(region),
                        Optional.ofNullable(team),
                        Optional.ofNullable(managerId)));
    }

    String adminToken() {
        return adminToken;
    }

    String tokenOf(DemoUser user) {
        return tokens.mint(user);
    }

    /** The response body; HTTP must be 200 and the environment reported. */
    JsonNode run(String token, String query, Map<String, Object> variables) {
        HttpResponse<String> response = post(token, query, variables);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = TestSupport.json(response);
        if (!"dev".equals(body.at("/extensions/environment").asText())) {
            throw new AssertionError("no extensions.environment: " + body);
        }
        return body;
    }

    /**
     * A new lead from the website channel, a prospect with a fresh mobile in {@code city}, taken in
     * by {@code token}'s ingestion; its id. The reactor's decision on it comes after, through the
     * stream.
     */
    String ingestWebsiteLead(String token, String city) {
        JsonNode outcome =
                data(
                                token,
                                "mutation($r: [JSON!]!) { ingestLeads(channel: \"website\","
                                        + " records: $r) { status leadId } }",
                                Map.of(
                                        "r",
                                        List.of(
                                                Map.of(
                                                        "tel",
                                                        uniqueMobile(),
                                                        "name",
                                                        "Prospect",
                                                        "city",
                                                        city))))
                        .at("/ingestLeads/0");
        if (!"ACCEPTED".equals(outcome.path("status").asText())) {
            throw new AssertionError("the lead was not accepted: " + outcome);
        }
        return outcome.get("leadId").asText();
    }

    /** A record's audit trail as {@code token} sees it, newest first. */
    List<JsonNode> auditTrail(String token, String entityId) {
        JsonNode data =
                data(
                        token,
                        "query($id: ID!) { auditTrail(entityId: $id) { edges { node { operation actorId sourceIp "
                                + "requestId changes { field before after } } } } }",
                        Map.of("id", entityId));
        return StreamSupport.stream(data.at("/auditTrail/edges").spliterator(), false)
                .map(edge -> edge.get("node"))
                .toList();
    }

    /** The trail once the stream poller has recorded at least {@code atLeast} entries. */
    List<JsonNode> awaitAuditTrail(String token, String entityId, int atLeast) {
        TestSupport.await(
                "the audit trail of " + entityId,
                () -> auditTrail(token, entityId).size() >= atLeast);
        return auditTrail(token, entityId);
    }

    /** The data of a request that must succeed without errors. */
    JsonNode data(String token, String query, Map<String, Object> variables) {
        JsonNode body = run(token, query, variables);
        if (body.has("errors")) {
            throw new AssertionError("unexpected errors: " + body.get("errors"));
        }
        return body.get("data");
    }

    HttpResponse<String> post(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return TestSupport.post(
                cloud,
                "/graphql",
                write(body),
                Map.of("authorization", "Bearer " + token, "content-type", "application/json"));
    }

    private static String write(Map<String, Object> body) {
        try {
            return REQUEST_JSON.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The node ids of a connection's edges. */
    static List<String> ids(JsonNode edges) {
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.at("/node/id").asText())
                .toList();
    }

    /** The first error's code, or "OK" when there is none. */
    static String outcome(JsonNode body) {
        JsonNode errors = body.get("errors");
        return errors == null || errors.isEmpty()
                ? "OK"
                : errors.get(0).at("/extensions/code").asText();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String uniqueMobile() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        return String.format("139%08d", digits);
    }
}
