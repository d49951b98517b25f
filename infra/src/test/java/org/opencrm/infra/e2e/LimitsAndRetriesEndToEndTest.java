package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.Json;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;

/**
 * Issue 18's "done when", over real HTTP against the local cloud: a mutation retried with the same
 * Idempotency-Key is done once, an APQ hash round trip works, a repeated webhook delivery is
 * answered once, and one user's flood gets RATE_LIMITED while another user is served.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsAndRetriesEndToEndTest extends LocalCloudEndToEnd {

    private static final String CREATE =
            "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version } }";

    private static HttpResponse<String> graphql(
            String token, Map<String, Object> body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("authorization", "Bearer " + token);
        all.put("content-type", "application/json");
        return TestSupport.post(cloud, "/graphql", write(body), all);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException missing) {
            throw new IllegalStateException(missing);
        }
    }

    @Test
    @Order(1)
    void aMutationRetriedWithTheSameIdempotencyKey_isDoneOnce() {
        // GIVEN a rep's create, sent with an Idempotency-Key
        String rep = api.tokenOf(DemoOrg.REP_A1);
        Map<String, Object> body =
                Map.of(
                        "query",
                        CREATE,
                        "variables",
                        Map.of(
                                "in",
                                Map.of(
                                        "name",
                                        ApiClient.unique("Retried"),
                                        "phone",
                                        ApiClient.uniqueMobile())));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        // WHEN the app sends it, loses the answer, and sends it again
        HttpResponse<String> first = graphql(rep, body, key);
        HttpResponse<String> retry = graphql(rep, body, key);

        // THEN the retry is the first answer again, marked as a replay
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(first.body(), retry.body());
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null));
        String id = TestSupport.json(first).at("/data/createCustomer/id").asText();
        // AND the customer has one audit row and its first version: the retry did not write it
        // again (a second create would have met the phone's identity claim and answered with an
        // error, which the equality of the two answers above already refuses)
        List<JsonNode> trail = api.awaitAuditTrail(api.adminToken(), id, 1);
        assertEquals(1, trail.size(), trail.toString());
        assertEquals(
                TestSupport.json(first).at("/data/createCustomer/version").asInt(),
                api.data(
                                api.adminToken(),
                                "query($id: ID!) { customer(id: $id) { version } }",
                                Map.of("id", id))
                        .at("/customer/version")
                        .asInt());
    }

    @Test
    @Order(2)
    void anApqHash_roundTrips_notFoundThenRegisteredThenRunByHash() {
        String rep = api.tokenOf(DemoOrg.REP_A2);
        String query =
                "query E2eApq { environment apq_"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + ": environment }";
        Map<String, Object> persisted =
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256(query)));

        JsonNode unknown =
                TestSupport.json(graphql(rep, Map.of("extensions", persisted), Map.of()));
        JsonNode registered =
                TestSupport.json(
                        graphql(rep, Map.of("query", query, "extensions", persisted), Map.of()));
        JsonNode byHash = TestSupport.json(graphql(rep, Map.of("extensions", persisted), Map.of()));

        assertEquals("PersistedQueryNotFound", unknown.at("/errors/0/message").asText());
        assertEquals("PERSISTED_QUERY_NOT_FOUND", unknown.at("/errors/0/extensions/code").asText());
        assertEquals("dev", registered.at("/data/environment").asText(), registered.toString());
        assertEquals(registered.get("data"), byHash.get("data"));
    }

    @Test
    @Order(3)
    void aWebhookDeliverySentTwice_isAnsweredOnce_withTheEnvironment() {
        String body =
                write(
                        List.of(
                                Map.of(
                                        "phone_number",
                                        ApiClient.uniqueMobile(),
                                        "full_name",
                                        "E2E")));
        String deliveryId = "e2e-" + UUID.randomUUID();

        HttpResponse<String> first = deliver(deliveryId, body);
        HttpResponse<String> again = deliver(deliveryId, body);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals("dev", first.headers().firstValue("X-Crm-Env").orElse(null));
    }

    private static HttpResponse<String> deliver(String deliveryId, String body) {
        String timestamp = Long.toString(AppClock.SHARED.instant().getEpochSecond());
        return TestSupport.post(
                cloud,
                "/webhooks/leads/website",
                body,
                Map.of(
                        "content-type",
                        "application/json",
                        WebhookSignature.DELIVERY_HEADER,
                        deliveryId,
                        WebhookSignature.TIMESTAMP_HEADER,
                        timestamp,
                        WebhookSignature.HEADER,
                        WebhookSignature.signDelivery(
                                deliveryId,
                                timestamp,
                                body.getBytes(StandardCharsets.UTF_8),
                                "demo-secret-website")));
    }

    @Test
    @Order(4)
    void oneUsersFlood_getsRateLimited_whileAnotherUserIsServed() {
        // GIVEN the deployed kind of budget: an admin lowers the local cloud's to 2 a second,
        // bursts of 5, and the containers' 10-second reading of it has passed
        api.data(
                api.adminToken(),
                "mutation($v: JSON!) { setConfiguration(name: \"rateLimits\", expectedVersion: 1,"
                        + " value: $v, note: \"e2e: real budgets\") { version } }",
                Map.of("v", Map.of("userRequestsPerSecond", 2, "userBurst", 5)));
        TestSupport.post(cloud, "/_local/clock/advance?by=PT11S", "", Map.of());
        String flooder = api.tokenOf(DemoOrg.REP_B1);
        String other = api.tokenOf(DemoOrg.LEAD_B);
        Map<String, Object> query = Map.of("query", "{ environment }");

        // WHEN one user sends 15 requests back to back
        HttpResponse<String> refused = null;
        int served = 0;
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> response = graphql(flooder, query, Map.of());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                served++;
            }
        }

        // THEN the burst is served and the rest refused with when to retry
        assertNotNull(refused, "no request of the flood was refused");
        assertTrue(served >= 5 && served < 15, "served " + served);
        JsonNode error = TestSupport.json(refused).at("/errors/0/extensions");
        assertEquals("RATE_LIMITED", error.at("/code").asText());
        assertEquals(
                refused.headers().firstValue("Retry-After").orElse(null),
                error.at("/retryAfterSeconds").asText());
        // AND another user is served meanwhile
        assertEquals(200, graphql(other, query, Map.of()).statusCode());
    }
}
